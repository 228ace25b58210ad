import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unauthenticated } from '@hub/kit/errors';
import { type Logger } from '@hub/kit/logger';
import { SESSION_EXPECTED_HEADER } from '../pages/client/page-data';
import type { PageSessions } from '../session/page-sessions';
import { TokenRefused, type VerifiedClaims } from '../token-verifier';

export interface AuthenticationOptions {
  /** Verifies a bearer token; throws `TokenRefused` for a token the router does not accept. */
  verify: (token: string) => Promise<VerifiedClaims>;
  log: Logger;
  /** The pages' sessions: a request without a bearer token is the session's person, when its cookie names a live one. */
  sessions?: PageSessions;
  /** The hub's own origin: a session cookie counts only on requests from its pages (or with no `Origin` at all). */
  origin?: string;
}

/** The one answer to every refused token: clients need to know only that they must get a new one. */
export const tokenRefused = () =>
  unauthenticated('The bearer token is invalid or expired. Get a new one.', {
    status: 401,
    headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
  });

/** A session cookie whose session ended (idle, too old, logged out, another router process): the page logs in again. */
export const sessionEnded = () =>
  unauthenticated('The login session has ended. Log in again.', { status: 401, headers: { 'www-authenticate': 'Cookie realm="pages"' } });

/**
 * Authenticates the caller from `Authorization: Bearer <jwt>` (the scheme in any case, RFC 7235), or else from the
 * pages' session cookie; neither is an anonymous request. Any other scheme, or a token that does not verify, is 401 `UNAUTHENTICATED`,
 * logged as a refusal (info, no stack), never as a server error. The verified claims reach every subgraph
 * in `extensions.jwt.payload`, inside the body the router signs.
 */
export function useAuthentication({ verify, log, sessions, origin }: AuthenticationOptions): GatewayPlugin {
  const claimsOf = new WeakMap<Request, VerifiedClaims>();
  // The same claims a bearer token of the person would give: subgraphs see no difference. Another site's page cannot
  // use the cookie (SameSite=Lax already keeps it off cross-site POSTs; this covers same-site subdomains too).
  function useSession(request: Request) {
    const from = request.headers.get('origin');
    if (from !== null && from !== origin) return;
    const session = sessions!.of(request);
    if (!session) {
      log.info({ reason: 'session ended or unknown' }, 'refused a session cookie');
      throw sessionEnded();
    }
    claimsOf.set(request, session.claims);
  }
  return {
    async onRequestParse({ request }) {
      const header = request.headers.get('authorization');
      if (header === null) {
        if (sessions && (sessions.presented(request) || request.headers.has(SESSION_EXPECTED_HEADER))) useSession(request);
        return;
      }
      const match = /^bearer +(\S+) *$/i.exec(header);
      try {
        if (!match) throw new TokenRefused(`not a bearer token (scheme ${JSON.stringify(header.split(' ')[0]!.slice(0, 20))})`);
        claimsOf.set(request, await verify(match[1]!));
      } catch (err) {
        if (!(err instanceof TokenRefused)) throw err;
        log.info({ reason: err.message }, 'refused a bearer token');
        throw tokenRefused();
      }
    },
    onContextBuilding({ context, extendContext }) {
      const claims = context.request && claimsOf.get(context.request);
      if (claims) extendContext({ jwt: { payload: claims } } as never);
    },
    onSubgraphExecute({ executionRequest, setExecutionRequest }) {
      const claims = (executionRequest.context as { jwt?: { payload?: VerifiedClaims } } | undefined)?.jwt?.payload;
      if (!claims) return;
      setExecutionRequest({ ...executionRequest, extensions: { ...executionRequest.extensions, jwt: { payload: claims } } });
    },
  };
}
