import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { story } from '@hub/db';
import { startTestStack, type TestStack } from './stack';

/** The hub's client at the test provider. */
export const OIDC_CLIENT = { id: 'hub-pages', secret: 'hub-pages-test-secret-0123456789' };

/** A story person as the provider's account: an opaque `sub` (ID-porten's is pairwise) and the `pid` claim. */
const accounts = new Map(story.persons.map((p) => [`idp-${p.key}`, { pid: p.nationalIdentityNumber, key: p.key }]));

export interface TestOidcProvider {
  issuer: string;
  /** Registers the hub's callback (known only once the hub listens) and starts answering. */
  register(redirectUri: string): void;
  /** Who the next login at the provider is (a story person's key), and at which level; a `login_hint` wins. */
  loginAs(key: string, acr?: string): void;
  /** How many logins the provider completed (a reused provider session does not count: no interaction). */
  readonly logins: string[];
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on a loopback port, with the story persons as its accounts and
 * ID-porten's claims (`pid`, `acr`). Its login interaction has no UI: it completes at once for the person chosen with
 * `loginAs` (or the request's `login_hint`), so an HTTP client or a browser goes through it by following redirects.
 * Consent is implied for the hub's client (a first-party client, as ID-porten's own clients are).
 */
export async function startOidcProvider(): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-provider', alg: 'RS256', use: 'sig' };
  let next = { key: 'hakon', acr: 'idporten-loa-substantial' };
  const logins: string[] = [];

  return {
    issuer,
    logins,
    loginAs(key, acr = 'idporten-loa-substantial') {
      next = { key, acr };
    },
    register(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: OIDC_CLIENT.id,
            client_secret: OIDC_CLIENT.secret,
            redirect_uris: [redirectUri],
            token_endpoint_auth_method: 'client_secret_post',
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        jwks: { keys: [jwk] },
        cookies: { keys: ['test-provider-cookie-key'] },
        // ID-porten puts the level (acr) in every ID token, asked for or not: so does this one, with the openid scope.
        claims: { openid: ['sub', 'pid', 'acr'], acr: null },
        acrValues: ['idporten-loa-low', 'idporten-loa-substantial', 'idporten-loa-high'],
        // ID-porten puts pid in the ID token itself.
        conformIdTokenClaims: false,
        pkce: { required: () => true },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        async findAccount(_ctx, sub) {
          const account = accounts.get(sub);
          if (!account) return undefined;
          return { accountId: sub, claims: async () => ({ sub, pid: account.pid }) };
        },
        async loadExistingGrant(ctx) {
          const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
          grant.addOIDCScope('openid');
          grant.addOIDCClaims(['pid', 'acr']);
          await grant.save();
          return grant;
        },
      });
      const callback = provider.callback();
      server.on('request', async (req, res) => {
        const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
        if (!match) return callback(req, res);
        try {
          const details = await provider.interactionDetails(req, res);
          const hint = details.params.login_hint;
          const key = typeof hint === 'string' && accounts.has(`idp-${hint}`) ? hint : next.key;
          logins.push(key);
          await provider.interactionFinished(req, res, { login: { accountId: `idp-${key}`, acr: next.acr } }, { mergeWithLastSubmission: false });
        } catch (err) {
          res.statusCode = 500;
          res.end(String(err));
        }
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A test stack whose pages log in at a fresh in-process provider (sessions idle out after `idleSeconds`), with the
 * hub's callback registered there: the callback is known only once the stack listens.
 */
export async function startStackWithOidc(idleSeconds: number): Promise<{ provider: TestOidcProvider; stack: TestStack }> {
  const provider = await startOidcProvider();
  const stack = await startTestStack({
    env: {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: OIDC_CLIENT.id,
      OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
      SESSION_IDLE_SECONDS: String(idleSeconds),
    },
  }).catch(async (err: unknown) => {
    await provider.close();
    throw err;
  });
  provider.register(`${stack.publicUrl}/auth/callback`);
  return { provider, stack };
}
