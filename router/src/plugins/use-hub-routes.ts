import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { errorBody, SIGNATURE_HEADER, signBody } from '@hub/kit';
import type { DevIdentity } from '../dev-identity';
import { DEV_TOKEN_TTL } from '../dev-identity';
import { devLoginPage } from '../pages/dev-login';

export interface HubRoutesOptions {
  publicUrl: string;
  signingSecret: string;
  /** Subgraph name → URL, probed by /readyz. */
  subgraphs: Record<string, string>;
  /** Public keys of the consent-token signer (JWKS `keys`). */
  jwks: () => Promise<unknown[]>;
  /** Absent in production: no /dev routes at all. */
  devIdentity?: DevIdentity;
  maxBodyBytes: number;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

/** Asks one subgraph a signed `{ __typename }`; true when it answers within the timeout. */
async function probe(url: string, secret: string): Promise<boolean> {
  const body = JSON.stringify({ query: '{ __typename }' });
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(secret, body) },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** An absent query parameter, or one holding a JSON object (Yoga answers anything else with a 500). */
function isJsonObjectParam(value: string | null): boolean {
  if (value === null || value === '') return true;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed === null || (typeof parsed === 'object' && !Array.isArray(parsed));
  } catch {
    return false;
  }
}

/**
 * The router's own HTTP routes (shared/contract/http.md) beside /graphql: health, readiness, signing keys,
 * authorization-server metadata and, outside production, the dev identity. Also the body-size limit, which
 * must hold before anything reads a body.
 */
export function useHubRoutes(options: HubRoutesOptions): GatewayPlugin {
  const { publicUrl, devIdentity } = options;
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method === 'POST' || request.method === 'PUT') {
        const length = request.headers.get('content-length');
        if (length === null) return endResponse(json({ error: 'A Content-Length header is required.' }, 411));
        if (Number(length) > options.maxBodyBytes) {
          return endResponse(json({ error: `The body exceeds ${options.maxBodyBytes} bytes.` }, 413));
        }
      }
      const route = `${request.method} ${url.pathname}`;
      if (route === 'GET /graphql') {
        const malformed = ['variables', 'extensions'].find((name) => !isJsonObjectParam(url.searchParams.get(name)));
        if (malformed) {
          return endResponse(json(errorBody('BAD_REQUEST', `The ${malformed} parameter is not a JSON object.`), 400));
        }
      }
      switch (route) {
        case 'GET /healthz':
          return endResponse(json({ status: 'ok' }));
        case 'GET /readyz': {
          const names = Object.keys(options.subgraphs);
          const up = await Promise.all(names.map((n) => probe(options.subgraphs[n]!, options.signingSecret)));
          const subgraphs = Object.fromEntries(names.map((n, i) => [n, up[i] ? 'up' : 'down']));
          const ready = up.every(Boolean);
          return endResponse(json({ status: ready ? 'ready' : 'unavailable', subgraphs }, ready ? 200 : 503));
        }
        case 'GET /.well-known/jwks.json':
          return endResponse(json({ keys: await options.jwks() }, 200, { 'cache-control': 'public, max-age=300' }));
        case 'GET /.well-known/oauth-authorization-server':
          return endResponse(
            json({
              issuer: publicUrl,
              jwks_uri: `${publicUrl}/.well-known/jwks.json`,
              authorization_details_types_supported: ['urn:altinn:consent'],
              code_challenge_methods_supported: ['S256'],
            }),
          );
      }
      if (!devIdentity) return;
      if (route === 'POST /dev/token') {
        let body: unknown;
        try {
          body = await request.json();
        } catch {
          return endResponse(json({ error: 'invalid_request', error_description: 'The body is not JSON.' }, 400));
        }
        const issued = await devIdentity.issue(body);
        if (!issued.ok) return endResponse(json({ error: 'invalid_request', error_description: issued.message }, 400));
        return endResponse(json({ access_token: issued.token, token_type: 'Bearer', expires_in: DEV_TOKEN_TTL }));
      }
      if (route === 'GET /dev/login') {
        return endResponse(
          new Response(devLoginPage(url.searchParams.get('next')), {
            headers: {
              'content-type': 'text/html; charset=utf-8',
              'content-security-policy': "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            },
          }),
        );
      }
    },
  };
}
