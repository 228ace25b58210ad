import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { isUuid } from '@hub/db';
import { consentOverviewPage, consentProblemPage, consentRequestPage } from '../pages/consent';

/** A compact JWT's shape: anything else (a line break to inject a header) is not sent on at all. */
const COMPACT_JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

const html = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; form-action 'self' https: http:; frame-ancestors 'none'",
      'cache-control': 'no-store',
    },
  });

const ANSWER = {
  accept: 'mutation AcceptConsentRequest($id: ID!, $state: String) { acceptConsentRequest(id: $id, state: $state) { status redirectUrl } }',
  reject: 'mutation RejectConsentRequest($id: ID!, $state: String) { rejectConsentRequest(id: $id, state: $state) { status redirectUrl } }',
} as const;

/** What the person is told when the graph refuses the answer, by error code. */
const REFUSALS: Record<string, string> = {
  FORBIDDEN: 'Du kan ikke svare på denne forespørselen. / You may not answer this request.',
  CONFLICT: 'Forespørselen er allerede besvart, trukket tilbake eller utløpt. / The request was already answered, withdrawn or has expired.',
  NOT_FOUND: 'Fant ingen slik forespørsel. / No such request.',
  UNAUTHENTICATED: 'Innloggingen er utløpt. Logg inn på nytt. / Your login has expired. Log in again.',
};

/**
 * The consent pages: `/consent/request?id=` (answer a request), `/consent/answer` (the form's POST: answers
 * through the graph with the person's token, then 303 to the requester), `/consent/overview`.
 * `graph` runs a request through this router itself.
 */
export function useConsentPages(options: { devLogin: boolean; graph: (request: Request) => Promise<Response> }): GatewayPlugin {
  return {
    async onRequest({ request, url, endResponse }) {
      const route = `${request.method} ${url.pathname}`;
      if (route === 'GET /consent/request') {
        const id = url.searchParams.get('id') ?? '';
        if (!isUuid(id)) return endResponse(html(consentProblemPage('Ugyldig eller manglende id. / Missing or invalid id.'), 400));
        return endResponse(html(consentRequestPage(id.toLowerCase(), url.searchParams.get('state'), options.devLogin)));
      }
      if (route === 'GET /consent/overview') return endResponse(html(consentOverviewPage(options.devLogin)));
      if (route !== 'POST /consent/answer') return;

      const form = new URLSearchParams(await request.text());
      const id = form.get('id') ?? '';
      const answer = form.get('answer');
      const token = form.get('token') ?? '';
      if (!isUuid(id) || (answer !== 'accept' && answer !== 'reject') || !token) {
        return endResponse(html(consentProblemPage('Ugyldig svar. / Invalid answer.'), 400));
      }
      if (!COMPACT_JWT.test(token)) return endResponse(html(consentProblemPage(REFUSALS.UNAUTHENTICATED!), 401));
      const state = form.get('state');
      const body = JSON.stringify({ query: ANSWER[answer], variables: { id, state } });
      const res = await options.graph(
        new Request(new URL('/graphql', url), {
          method: 'POST',
          // Content-Length too: the router refuses bodies of unknown length.
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), authorization: `Bearer ${token}` },
          body,
        }),
      );
      const result = (await res.json()) as {
        data?: Record<string, { redirectUrl: string } | null>;
        errors?: { extensions?: { code?: string } }[];
      };
      const answered = result.data ? Object.values(result.data)[0] : null;
      if (answered?.redirectUrl) return endResponse(new Response(null, { status: 303, headers: { location: answered.redirectUrl } }));
      const code = result.errors?.[0]?.extensions?.code ?? '';
      const status = code === 'FORBIDDEN' ? 403 : code === 'UNAUTHENTICATED' ? 401 : 409;
      return endResponse(html(consentProblemPage(REFUSALS[code] ?? 'Noe gikk galt. / Something went wrong.'), status));
    },
  };
}
