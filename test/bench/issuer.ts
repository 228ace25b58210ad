import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { story } from '@hub/db';

/** The audience the benchmark's tokens carry; the router and the Apollo Gateway are told to expect it. */
export const BENCH_AUDIENCE = 'urn:hub:bench';
const TTL_SECONDS = 3600;

export interface BenchIssuer {
  /** JSON for the router's `JWT_ISSUERS` (and the Apollo Gateway's verifier): a person and an organisation issuer. */
  trusted: { issuer: string; jwksUri: string; audience: string; kind: 'person' | 'organization' }[];
  /** A person token (ID-porten-like claims), with a fresh `jti` on every call. */
  person(pid: string): Promise<string>;
  /** A Maskinporten-like token for a story client, with a fresh `jti` on every call. */
  client(key: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The benchmark's own token issuer: one ES256 key, its JWKS served on a loopback port, tokens signed in this
 * process. Every target (the router in `npm start`, the router alone, Apollo Gateway) verifies the same tokens
 * against the same JWKS, and every connection can be given a token of its own (distinct `jti`), as real traffic is.
 */
export async function startBenchIssuer(): Promise<BenchIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256', use: 'sig' };
  const body = JSON.stringify({ keys: [jwk] });
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  const issuers = { person: 'urn:hub:bench:idporten', organization: 'urn:hub:bench:maskinporten' } as const;
  const sign = (issuer: string, claims: Record<string, unknown>) =>
    new SignJWT({ ...claims, jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: 'bench' })
      .setIssuer(issuer)
      .setAudience(BENCH_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${TTL_SECONDS}s`)
      .sign(privateKey as CryptoKey);
  return {
    trusted: (['person', 'organization'] as const).map((kind) => ({ issuer: issuers[kind], jwksUri, audience: BENCH_AUDIENCE, kind })),
    person: (pid) => sign(issuers.person, { sub: pid, pid, acr: 'idporten-loa-substantial', scope: 'openid', client_id: 'bench' }),
    client(key) {
      const client = story.clients.find((c) => c.key === key);
      if (!client) throw new Error(`no client ${key} in the story`);
      const orgNo = story.organizations.find((o) => o.key === client.organization)!.organizationNumber;
      return sign(issuers.organization, {
        sub: key,
        client_id: key,
        scope: client.scopes.join(' '),
        consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${orgNo}` },
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
