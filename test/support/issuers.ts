import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** The public address production test stacks run under: tokens name it as audience. */
export const PRODUCTION_URL = 'https://hub.test';

export interface TestIssuer {
  issuer: string;
  kind: 'person' | 'organization';
  kid: string;
  privateKey: CryptoKey;
  /**
   * A token from this issuer: audience the hub, issued now, one hour. `claims` override any of them
   * (`iss`, `aud`, `iat`, `exp`; `undefined` leaves one out); `header` overrides the protected header.
   */
  sign(claims: JWTPayload & Record<string, unknown>, options?: { header?: Record<string, unknown>; key?: CryptoKey }): Promise<string>;
}

export interface TestIssuers {
  idporten: TestIssuer;
  maskinporten: TestIssuer;
  /** The `JWT_ISSUERS` value that trusts both. */
  jwtIssuers: string;
  close(): Promise<void>;
}

async function testIssuer(issuer: string, kind: TestIssuer['kind'], kid: string): Promise<{ issuer: TestIssuer; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return {
    jwk,
    issuer: {
      issuer,
      kind,
      kid,
      privateKey: privateKey as CryptoKey,
      async sign(claims, options = {}) {
        const now = Math.floor(Date.now() / 1000);
        const payload: Record<string, unknown> = { iss: issuer, aud: PRODUCTION_URL, iat: now, exp: now + 3600, ...claims };
        for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
        return new SignJWT(payload)
          .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid, ...options.header } as never)
          .sign(options.key ?? (privateKey as CryptoKey));
      },
    },
  };
}

/**
 * Two local test issuers, as production trusts ID-porten (persons) and Maskinporten (organisations): each with
 * its own key, their JWKS served on a local HTTP server.
 */
export async function startTestIssuers(): Promise<TestIssuers> {
  const id = await testIssuer('https://idporten.test', 'person', 'idporten-1');
  const mp = await testIssuer('https://maskinporten.test', 'organization', 'maskinporten-1');
  const server: Server = createServer((req, res) => {
    const jwk = req.url === '/idporten/jwks' ? id.jwk : req.url === '/maskinporten/jwks' ? mp.jwk : undefined;
    if (!jwk) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const jwtIssuers = JSON.stringify([
    { issuer: id.issuer.issuer, jwksUri: `${base}/idporten/jwks`, audience: PRODUCTION_URL, kind: 'person' },
    { issuer: mp.issuer.issuer, jwksUri: `${base}/maskinporten/jwks`, audience: PRODUCTION_URL, kind: 'organization' },
  ]);
  return {
    idporten: id.issuer,
    maskinporten: mp.issuer,
    jwtIssuers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The pages' OIDC client of a production stack: never contacted unless someone logs in (the router reads the
 * provider's discovery document at the first login).
 */
export const PRODUCTION_OIDC_ENV = {
  OIDC_ISSUER: 'https://idporten.test',
  OIDC_CLIENT_ID: 'hub-pages',
  OIDC_CLIENT_SECRET: 'production-test-oidc-secret',
  OIDC_REDIRECT_URL: 'https://hub.test/auth/callback',
};

/** The environment of a production stack that trusts `issuers`: every required setting, nothing left to defaults. */
export const productionEnv = (issuers: TestIssuers, extra: Record<string, string> = {}): Record<string, string> => ({
  NODE_ENV: 'production',
  PUBLIC_URL: PRODUCTION_URL,
  ROUTER_SIGNING_SECRET: 'production-test-secret-'.padEnd(48, 'x'),
  KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  JWT_ISSUERS: issuers.jwtIssuers,
  EVIDENCE_SKATTEETATEN_URL: 'https://skatteetaten.test',
  ...PRODUCTION_OIDC_ENV,
  ...extra,
});
