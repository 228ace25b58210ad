import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { claimedIdentityKind, IDENTITY_KIND_CLAIM } from '@hub/kit/viewer';
import type { OidcSettings } from '../env';
import type { VerifiedClaims } from '../token-verifier';

/** What a login started in a browser must find again at the callback: checked there, used once. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The same-site path to go to after login. */
  next: string;
  startedAt: number;
}

/** A login the provider answered, that the hub cannot accept (no person number, error from the provider…). */
export class LoginRefused extends Error {}

export interface OidcLogin {
  /** The provider's authorization URL for a new login (code flow, PKCE S256, state and nonce), and what to keep. */
  start(next: string, prompt?: 'login'): Promise<{ url: string; pending: PendingLogin }>;
  /** Exchanges the callback's code and checks the ID token: the viewer claims of the person who logged in. */
  finish(callbackUrl: URL, pending: PendingLogin): Promise<VerifiedClaims>;
}

/**
 * The pages' OpenID Connect client (openid-client): authorization code with PKCE, the client secret sent in the
 * token request's body (`client_secret_post`, as ID-porten and most providers take it). The provider's discovery
 * document is read at the first login, and again after a failure, so a provider that is down at start-up does not
 * stop the router. An http:// issuer is allowed only outside production (the tests' in-process provider).
 */
export function createOidcLogin(settings: OidcSettings, production: boolean): OidcLogin {
  let configuration: Promise<client.Configuration> | undefined;
  const insecure = !production && settings.issuer.startsWith('http://');
  const discover = () => {
    configuration ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, client.ClientSecretPost(settings.clientSecret), {
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        configuration = undefined;
        throw err;
      });
    return configuration;
  };
  return {
    async start(next, prompt) {
      const config = await discover();
      const pending: PendingLogin = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        next,
        startedAt: Date.now(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl,
        scope: 'openid',
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        ...(prompt ? { prompt } : {}),
      });
      return { url: url.href, pending };
    },
    async finish(callbackUrl, pending) {
      const config = await discover();
      // The provider redirects to OIDC_REDIRECT_URL; the request may have reached the router under another host name.
      const current = new URL(settings.redirectUrl);
      current.search = callbackUrl.search;
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (err) {
        if (err instanceof client.AuthorizationResponseError || err instanceof client.ResponseBodyError)
          throw new LoginRefused(`${err.error}: ${err.error_description ?? ''}`);
        if (err instanceof client.ClientError) throw new LoginRefused(err.message);
        throw err;
      }
      return personClaims(tokens.claims()!, settings.clientId);
    },
  };
}

/**
 * The viewer claims of a session, shaped as a verified ID-porten access token's: `pid` (the national identity
 * number) and `acr` (the level, mapped by the subgraphs as for a bearer token), the provider as `iss`, and the
 * identity kind the router vouches for. Subgraphs cannot tell a session's request from a bearer token's.
 */
export function personClaims(idToken: Record<string, unknown>, clientId: string): VerifiedClaims {
  const claims = {
    iss: idToken.iss as string,
    sub: idToken.sub as string,
    aud: clientId,
    pid: idToken.pid,
    acr: typeof idToken.acr === 'string' ? idToken.acr : undefined,
    iat: Math.floor(Date.now() / 1000),
    jti: randomBytes(12).toString('base64url'),
    scope: 'openid',
    client_id: clientId,
  };
  if (claimedIdentityKind(claims) !== 'person') throw new LoginRefused('the ID token carries no valid pid (national identity number)');
  return { ...claims, [IDENTITY_KIND_CLAIM]: 'person' };
}
