import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger } from '@hub/kit/logger';
import { jsonResponse } from './json-response';

export interface OAuthTokenOptions {
  /** Runs a GraphQL request through this router: the exchange is the graph's `exchangeAuthorizationCode`. */
  graph: (request: Request) => Promise<Response>;
  log: Logger;
  /** Where the endpoint lives. Default `/oauth/token`. */
  path?: string;
}

export const OAUTH_TOKEN_PATH = '/oauth/token';
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** RFC 6749 §5.2 error codes, with the status each is answered with. */
const STATUS = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  server_error: 500,
  temporarily_unavailable: 503,
} as const;
type OAuthError = keyof typeof STATUS;

// RFC 6749 §5.1: the token and errors alike must not be cached.
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** error_description may hold only printable ASCII without `"` and `\` (RFC 6749 §5.2). */
const describe = (message: string) =>
  message
    .replace(/[’‘]/g, "'")
    .replace(/[“”"]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?');

const refusal = (error: OAuthError, description: string) =>
  jsonResponse({ error, error_description: describe(description) }, STATUS[error], NO_STORE);

const EXCHANGE = /* GraphQL */ `
  mutation ExchangeAuthorizationCode($input: AuthorizationCodeGrantInput!) {
    exchangeAuthorizationCode(input: $input) { accessToken tokenType expiresAt }
  }`;

type GraphResult = {
  data?: { exchangeAuthorizationCode: { accessToken: string; tokenType: string; expiresAt: string } | null } | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
};

/** The graph's refusal as an OAuth error: a failed client authentication is invalid_client, a code that will not do invalid_grant. */
function oauthErrorOf(code: string | undefined, field: string | undefined): OAuthError {
  if (code === 'UNAUTHENTICATED') return 'invalid_client';
  if (code === 'BAD_USER_INPUT' && field && /^input\.client/.test(field)) return 'invalid_client';
  if (code === 'BAD_USER_INPUT' || code === 'FORBIDDEN' || code === 'CONFLICT' || code === 'NOT_FOUND') return 'invalid_grant';
  if (code === 'UNAVAILABLE') return 'temporarily_unavailable';
  return 'server_error';
}

/** The `authorization_details` of a consent token the hub just signed (its payload, read, not verified again). */
function authorizationDetailsOf(token: string): unknown {
  try {
    return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { authorization_details?: unknown }).authorization_details;
  } catch {
    return undefined;
  }
}

/**
 * A standard OAuth 2.0 token endpoint (RFC 6749 §3.2, §4.1.3) beside the `issueConsentToken` mutation: POST
 * `application/x-www-form-urlencoded` with `grant_type=authorization_code`, `code`, `redirect_uri`, `code_verifier`
 * (PKCE S256) and client authentication by `private_key_jwt` (RFC 7523: `client_assertion_type`, `client_assertion`).
 * The exchange runs as the graph's `exchangeAuthorizationCode`, so its checks are those of `issueConsentToken` by code
 * (one use, a replay revokes what the code gave). Answers and errors as RFC 6749 §5, `Cache-Control: no-store`.
 */
export function useOAuthToken({ graph, log, path = OAUTH_TOKEN_PATH }: OAuthTokenOptions): GatewayPlugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== path) return;
      if (request.method !== 'POST') {
        return endResponse(jsonResponse({ error: 'invalid_request', error_description: 'Use POST.' }, 405, { ...NO_STORE, allow: 'POST' }));
      }
      const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        return endResponse(refusal('invalid_request', 'the body must be application/x-www-form-urlencoded'));
      }
      const params = new URLSearchParams(await request.text());
      const repeated = [...new Set([...params.keys()])].find((k) => params.getAll(k).length > 1);
      if (repeated) return endResponse(refusal('invalid_request', `${repeated} is given more than once`));
      const get = (name: string) => params.get(name) || null;

      const grantType = get('grant_type');
      if (!grantType) return endResponse(refusal('invalid_request', 'grant_type is required'));
      if (grantType !== 'authorization_code') {
        return endResponse(refusal('unsupported_grant_type', `grant_type ${grantType} is not supported; use authorization_code`));
      }
      if (request.headers.has('authorization')) {
        return endResponse(refusal('invalid_client', 'authenticate the client with private_key_jwt (client_assertion), not an Authorization header'));
      }
      if (get('client_secret')) return endResponse(refusal('invalid_client', 'client secrets are not supported; use private_key_jwt'));
      const assertionType = get('client_assertion_type');
      const assertion = get('client_assertion');
      if (!assertionType || !assertion) {
        return endResponse(
          refusal('invalid_client', 'client authentication is required: client_assertion_type and client_assertion (private_key_jwt)'),
        );
      }
      if (assertionType !== JWT_BEARER_ASSERTION)
        return endResponse(refusal('invalid_client', `client_assertion_type must be ${JWT_BEARER_ASSERTION}`));
      const code = get('code');
      const redirectUri = get('redirect_uri');
      if (!code) return endResponse(refusal('invalid_request', 'code is required'));
      if (!redirectUri) return endResponse(refusal('invalid_request', 'redirect_uri is required'));

      const input = {
        code,
        redirectUri,
        codeVerifier: get('code_verifier'),
        clientId: get('client_id'),
        clientAssertionType: assertionType,
        clientAssertion: assertion,
      };
      const body = JSON.stringify({ query: EXCHANGE, variables: { input } });
      const res = await graph(
        new Request(new URL('/graphql', url), {
          method: 'POST',
          // Content-Length too: the router refuses bodies of unknown length.
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
          body,
        }),
      );
      const result = (await res.json()) as GraphResult;
      const token = result.data?.exchangeAuthorizationCode;
      if (!token) {
        const error = result.errors?.[0];
        const oauthError = oauthErrorOf(error?.extensions?.code, error?.extensions?.field);
        if (oauthError === 'server_error') log.error({ errors: result.errors }, 'the token endpoint’s exchange failed');
        else log.info({ error: oauthError, reason: error?.message }, 'refused a token request');
        const description = oauthError === 'server_error' ? 'the exchange failed; see the hub log' : (error?.message ?? 'refused');
        return endResponse(refusal(oauthError, description));
      }
      const expiresIn = Math.max(0, Math.round((new Date(token.expiresAt).getTime() - Date.now()) / 1000));
      const details = authorizationDetailsOf(token.accessToken);
      return endResponse(
        jsonResponse(
          {
            access_token: token.accessToken,
            token_type: token.tokenType,
            expires_in: expiresIn,
            ...(details ? { authorization_details: details } : {}),
          },
          200,
          NO_STORE,
        ),
      );
    },
  };
}
