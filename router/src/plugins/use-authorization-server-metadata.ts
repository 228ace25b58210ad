import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { jsonResponse } from './json-response';

export interface AuthorizationServerMetadataOptions {
  /** The router's public URL: the `issuer`, and the base of `jwks_uri`. */
  issuer: string;
  /** Where the keys are served below the issuer. Default `/.well-known/jwks.json`. */
  jwksPath?: string;
}

/** Serves the RFC 8414 document at `/.well-known/oauth-authorization-server`. */
export function useAuthorizationServerMetadata({ issuer, jwksPath = '/.well-known/jwks.json' }: AuthorizationServerMetadataOptions): GatewayPlugin {
  const metadata = {
    issuer,
    jwks_uri: `${issuer}${jwksPath}`,
    authorization_details_types_supported: ['urn:altinn:consent'],
    code_challenge_methods_supported: ['S256'],
  };
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method === 'GET' && url.pathname === '/.well-known/oauth-authorization-server') endResponse(jsonResponse(metadata));
    },
  };
}
