import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { DevIdentity } from '../dev-identity';
import { DEV_TOKEN_TTL } from '../dev-identity';
import { devLoginPage } from '../pages/dev-login';
import { jsonResponse } from './json-response';

export interface DevIdentityOptions {
  /** The dev token issuer. Never wire this plugin in production. */
  identity: DevIdentity;
}

/** Outside production: `POST /dev/token` (shared contract) issues test tokens, `GET /dev/login` is the login page. */
export function useDevIdentity({ identity }: DevIdentityOptions): GatewayPlugin {
  return {
    async onRequest({ request, url, endResponse }) {
      const route = `${request.method} ${url.pathname}`;
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
