import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { jsonResponse } from './json-response';

export interface JwksOptions {
  /** The public keys of the consent-token signer (JWKS `keys`), current and still-valid previous ones. */
  keys: () => Promise<unknown[]>;
  /** Default `/.well-known/jwks.json` (shared contract). */
  endpoint?: string;
  /** How long a client may cache the set, in seconds. Default 300. */
  maxAgeSeconds?: number;
}

/** Serves the consent-token signer's public keys as a JSON Web Key Set. */
export function useJwks({ keys, endpoint = '/.well-known/jwks.json', maxAgeSeconds = 300 }: JwksOptions): GatewayPlugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== endpoint) return;
      endResponse(jsonResponse({ keys: await keys() }, 200, { 'cache-control': `public, max-age=${maxAgeSeconds}` }));
    },
  };
}
