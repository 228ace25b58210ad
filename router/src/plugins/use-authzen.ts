import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { type Logger } from '@hub/kit/logger';
import { AUTHORIZE_SCOPE } from '@hub/kit/viewer';
import { AuthZenError, invalidRequest } from '../authzen/errors';
import { graphCaller } from '../authzen/graph';
import { HANDLERS } from '../authzen/handlers';
import { TokenRefused, type VerifiedClaims } from '../token-verifier';
import { jsonResponse } from './json-response';

export interface AuthZenOptions {
  /** The hub's public URL: the `policy_decision_point`, and the base of every endpoint the discovery document lists. */
  publicUrl: string;
  /** Verifies a bearer token (the router's own verifier); throws `TokenRefused` for one it does not accept. */
  verify: (token: string) => Promise<VerifiedClaims>;
  /** Runs a GraphQL request through this router: every answer comes from the graph's `authorize` and its searches. */
  graph: (request: Request) => Promise<Response>;
  log: Logger;
  /** The scope a caller needs. Default `altinn:authorization/authorize`, the one `authorize` asks of callers. */
  scope?: string;
}

/** Where the endpoints live below the public URL (AuthZEN §9: the discovery document's names). */
export const AUTHZEN_ENDPOINTS = {
  access_evaluation_endpoint: '/access/v1/evaluation',
  access_evaluations_endpoint: '/access/v1/evaluations',
  search_subject_endpoint: '/access/v1/search/subject',
  search_resource_endpoint: '/access/v1/search/resource',
  search_action_endpoint: '/access/v1/search/action',
} as const;

const scopesOf = (claims: VerifiedClaims) => (typeof claims.scope === 'string' ? claims.scope.split(' ') : []);

/**
 * The OpenID AuthZEN Authorization API 1.0 (evaluation, evaluations, subject/resource/action search and the
 * discovery document at `/.well-known/authzen-configuration`), answered by the graph's own decision point: each
 * request becomes one `authorize` batch (or search) sent through this router with the caller's token, so the rules,
 * answers and SQL costs are those of `authorize`. A missing or refused token is 401, a token without the scope 403,
 * a malformed request 400; `X-Request-ID` is echoed.
 */
export function useAuthZen({ publicUrl, verify, graph, log, scope = AUTHORIZE_SCOPE }: AuthZenOptions): GatewayPlugin {
  const configuration = {
    policy_decision_point: publicUrl,
    ...Object.fromEntries(Object.entries(AUTHZEN_ENDPOINTS).map(([name, path]) => [name, `${publicUrl}${path}`])),
  };
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname === '/.well-known/authzen-configuration' && request.method === 'GET') return endResponse(jsonResponse(configuration));
      if (!url.pathname.startsWith('/access/v1/')) return;
      const requestId = request.headers.get('x-request-id');
      const answer = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
        endResponse(jsonResponse(body, status, { ...headers, ...(requestId ? { 'x-request-id': requestId } : {}) }));
      const handler = Object.hasOwn(HANDLERS, url.pathname) ? HANDLERS[url.pathname]! : undefined;
      if (!handler) return answer({ error: 'not_found', message: `No AuthZEN endpoint ${url.pathname}.` }, 404);
      if (request.method !== 'POST') return answer({ error: 'method_not_allowed', message: 'Use POST.' }, 405, { allow: 'POST' });
      try {
        const token = await authenticate(request, verify, scope, log);
        let body: unknown;
        try {
          body = await request.json();
        } catch {
          throw new AuthZenError(400, 'body: not JSON');
        }
        const parsed = handler.shape.safeParse(body);
        if (!parsed.success) throw invalidRequest(parsed.error);
        const call = graphCaller({ graph, url, token, requestId, rename: handler.rename });
        return answer(await handler.answer(call, parsed.data));
      } catch (err) {
        if (!(err instanceof AuthZenError)) throw err;
        const challenge: Record<string, string> = err.status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {};
        return answer({ error: ERROR_NAMES[err.status] ?? 'error', message: err.message }, err.status, challenge);
      }
    },
  };
}

const ERROR_NAMES: Record<number, string> = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 500: 'internal_error', 503: 'unavailable' };

/** The caller's bearer token, verified and holding `scope`: 401 without a valid one, 403 without the scope. */
async function authenticate(request: Request, verify: AuthZenOptions['verify'], scope: string, log: Logger): Promise<string> {
  const match = /^bearer +(\S+) *$/i.exec(request.headers.get('authorization') ?? '');
  if (!match) throw new AuthZenError(401, 'A bearer token is required.');
  let claims: VerifiedClaims;
  try {
    claims = await verify(match[1]!);
  } catch (err) {
    if (!(err instanceof TokenRefused)) throw err;
    log.info({ reason: err.message }, 'refused a bearer token');
    throw new AuthZenError(401, 'The bearer token is invalid or expired. Get a new one.');
  }
  if (!scopesOf(claims).includes(scope)) throw new AuthZenError(403, `The AuthZEN API needs a token with scope ${scope}.`);
  return match[1]!;
}
