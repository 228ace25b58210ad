import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { DevIdentity } from '../dev-identity';
import { DEV_TOKEN_TTL } from '../dev-identity';
import { bundleScript, scriptResponse } from '../pages/assets';
import { devLoginPage } from '../pages/dev-login';
import { jsonResponse } from './json-response';

export interface DevIdentityOptions {
  /** The dev token issuer. Never wire this plugin in production. */
  identity: DevIdentity;
}

/** The login page's policy: scripts only from this site (its bundle), as on the consent pages. */
export const DEV_LOGIN_CSP =
  "default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Outside production: `POST /dev/token` (shared contract) issues test tokens, `GET /dev/login` is the login page,
 * whose script is served at `/assets/dev-login.<content hash>.js`.
 */
export function useDevIdentity({ identity }: DevIdentityOptions): GatewayPlugin {
  const script = bundleScript('dev-login');
  // A failed bundle is reported on the requests that need it, not as an unhandled rejection at start-up.
  script.catch(() => {});
  return {
    async onRequest({ request, url, endResponse }) {
      const route = `${request.method} ${url.pathname}`;
      if (request.method === 'GET' && url.pathname.startsWith('/assets/dev-login.')) {
        return endResponse(await scriptResponse(script, url.pathname));
      }
      if (route === 'POST /dev/token') {
        let body: unknown;
        try {
          body = await request.json();
        } catch {
          return endResponse(jsonResponse({ error: 'invalid_request', error_description: 'The body is not JSON.' }, 400));
        }
        const issued = await identity.issue(body);
        if (!issued.ok) return endResponse(jsonResponse({ error: 'invalid_request', error_description: issued.message }, 400));
        return endResponse(jsonResponse({ access_token: issued.token, token_type: 'Bearer', expires_in: DEV_TOKEN_TTL }));
      }
      if (route === 'GET /dev/login') {
        return endResponse(
          new Response(devLoginPage(url.searchParams.get('next'), (await script).path), {
            headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': DEV_LOGIN_CSP },
          }),
        );
      }
    },
  };
}
