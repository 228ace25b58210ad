import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { timingSafeEqual } from 'node:crypto';
import { isUuid } from '@hub/db/uuid';
import { bundleConsentScript, scriptResponse } from '../pages/assets';
import { consentOverviewPage, consentProblemPage, consentRequestPage } from '../pages/consent';
import { bothLanguages, PROBLEMS, type ProblemKey } from '../pages/messages';
import type { PageSessions } from '../session/page-sessions';

/** A compact JWT's shape: anything else (a line break to inject a header) is not sent on at all. */
const COMPACT_JWT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/**
 * The consent pages' policy: scripts only from this site (the bundle; no inline script or handler), styles inline
 * (the page frame's one `<style>`), the form may post here and its answer redirect to the requester.
 */
export const CONSENT_PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self' https: http:; frame-ancestors 'none'";

const html = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONSENT_PAGE_CSP,
      'cache-control': 'no-store',
    },
  });

const ANSWER = {
  accept: 'mutation AcceptConsentRequest($id: ID!, $state: String) { acceptConsentRequest(id: $id, state: $state) { status redirectUrl } }',
  reject: 'mutation RejectConsentRequest($id: ID!, $state: String) { rejectConsentRequest(id: $id, state: $state) { status redirectUrl } }',
} as const;

/** What the person is told when the graph refuses the answer, by error code. */
const refusal = (code: string) => bothLanguages(code in PROBLEMS ? (code as ProblemKey) : 'error');

/**
 * The consent pages: `/consent/request?id=` (answer a request), `/consent/answer` (the form's POST: answers
 * through the graph as the person, then 303 to the requester), `/consent/overview`. The pages work in the person's
 * login session (`sessions`); the answer's form carries the session's CSRF token. A form with a `token` (an API
 * client's bearer token) answers as that token's holder.
 * `graph` runs a request through this router itself. The pages' script is bundled once, when the plugin is made,
 * and served at `/assets/consent.<content hash>.js`.
 */
export function useConsentPages(options: { sessions: PageSessions; graph: (request: Request) => Promise<Response> }): GatewayPlugin {
  const csrfOf = (request: Request) => options.sessions.of(request)?.csrf ?? null;
  const script = bundleConsentScript();
  // A failed bundle is reported on the requests that need it, not as an unhandled rejection at start-up.
  script.catch(() => {});
  return {
    async onRequest({ request, url, endResponse }) {
      const route = `${request.method} ${url.pathname}`;
      if (request.method === 'GET' && url.pathname.startsWith('/assets/consent.')) {
        return endResponse(await scriptResponse(script, url.pathname));
      }
      if (route === 'GET /consent/request') {
        const id = url.searchParams.get('id') ?? '';
        if (!isUuid(id)) return endResponse(html(consentProblemPage(bothLanguages('invalidId')), 400));
        return endResponse(html(consentRequestPage(id.toLowerCase(), url.searchParams.get('state'), csrfOf(request), (await script).path)));
      }
      if (route === 'GET /consent/overview') return endResponse(html(consentOverviewPage(csrfOf(request), (await script).path)));
      if (route !== 'POST /consent/answer') return;

      const form = new URLSearchParams(await request.text());
      const id = form.get('id') ?? '';
      const answer = form.get('answer');
      const token = form.get('token');
      const session = token === null ? options.sessions.of(request) : null;
      const csrf = form.get('csrf') ?? '';
      if (!isUuid(id) || (answer !== 'accept' && answer !== 'reject') || (token === null && !csrf) || token === '') {
        return endResponse(html(consentProblemPage(bothLanguages('invalidAnswer')), 400));
      }
      if (token !== null ? !COMPACT_JWT.test(token) : !session) return endResponse(html(consentProblemPage(refusal('UNAUTHENTICATED')), 401));
      if (session && !(csrf.length === session.csrf.length && timingSafeEqual(Buffer.from(csrf), Buffer.from(session.csrf)))) {
        return endResponse(html(consentProblemPage(refusal('FORBIDDEN')), 403));
      }
      // The session's own request goes through the graph with its cookie, so the same plugin turns it into claims.
      const credentials: Record<string, string> =
        token !== null ? { authorization: `Bearer ${token}` } : { cookie: request.headers.get('cookie') ?? '' };
      const state = form.get('state');
      const body = JSON.stringify({ query: ANSWER[answer], variables: { id, state } });
      const res = await options.graph(
        new Request(new URL('/graphql', url), {
          method: 'POST',
          // Content-Length too: the router refuses bodies of unknown length.
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...credentials },
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
      return endResponse(html(consentProblemPage(refusal(code)), status));
    },
  };
}
