import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { jsonResponse } from './json-response';
import { OAUTH_TOKEN_PATH } from './use-oauth-token';

export interface AuthorizationServerMetadataOptions {
  /** The router's public URL: the `issuer`, and the base of `jwks_uri`. */
  issuer: string;
  /** Where the keys are served below the issuer. Default `/.well-known/jwks.json`. */
  jwksPath?: string;
  /** Where the token endpoint is served below the issuer. Default `/oauth/token`. */
  tokenPath?: string;
}

/** Serves the RFC 8414 document at `/.well-known/oauth-authorization-server`. */
export function useAuthorizationServerMetadata({
  issuer,
  jwksPath = '/.well-known/jwks.json',
  tokenPath = OAUTH_TOKEN_PATH,
}: AuthorizationServerMetadataOptions): GatewayPlugin {
  const metadata = {
    issuer,
    jwks_uri: `${issuer}${jwksPath}`,
    token_endpoint: `${issuer}${tokenPath}`,
    grant_types_supported: ['authorization_code'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['ES256', 'RS256', 'PS256'],
    authorization_details_types_supported: ['urn:altinn:consent'],
    code_challenge_methods_supported: ['S256'],
  };
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method === 'GET' && url.pathname === '/.well-known/oauth-authorization-server') endResponse(jsonResponse(metadata));
    },
  };
}
