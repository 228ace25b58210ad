import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { z } from 'zod';
import { nationalIdentityNumberProblem, organizationNumberProblem } from '@hub/db/identifiers';
import { story } from '@hub/db/story';
import type { VerifierIssuer } from './token-verifier';

/** Lifetime of dev tokens, in seconds. */
export const DEV_TOKEN_TTL = 3600;

export const DevTokenRequest = z.union([
  // `acr` lets a test log in at another level (`idporten-loa-low`, or something unknown).
  z.object({ pid: z.string(), acr: z.string().max(64).default('idporten-loa-substantial') }).strict(),
  z.object({ client: z.string() }).strict(),
  z.object({ org: z.string(), scope: z.string().default('') }).strict(),
]);

export interface DevIdentity {
  /** The two dev issuers, person and organisation, with their public keys, for the token verifier. */
  issuers: VerifierIssuer[];
  /** Signs a person or organisation token, or says what is wrong with the request. */
  issue(body: unknown): Promise<{ ok: true; token: string } | { ok: false; message: string }>;
}

/** One dev issuer: its own key, its tokens addressed to the hub's public URL. */
async function devIssuer(publicUrl: string, name: 'idporten' | 'maskinporten') {
  const issuer = `${publicUrl}/dev/${name}`;
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({ ...claims, jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: `dev-${name}` })
      .setIssuer(issuer)
      .setAudience(publicUrl)
      .setIssuedAt()
      .setExpirationTime(`${DEV_TOKEN_TTL}s`)
      .sign(privateKey as CryptoKey);
  const verifier: VerifierIssuer = {
    issuer,
    audience: publicUrl,
    kind: name === 'idporten' ? 'person' : 'organization',
    maxLifetimeSeconds: DEV_TOKEN_TTL,
    keys: publicKey as CryptoKey,
  };
  return { sign, verifier };
}

/**
 * The development identity providers: an ID-porten-like issuer of person tokens and a Maskinporten-like issuer
 * of organisation tokens, each with a key made at start-up. Never mounted in production.
 */
export async function createDevIdentity(publicUrl: string): Promise<DevIdentity> {
  const idporten = await devIssuer(publicUrl, 'idporten');
  const maskinporten = await devIssuer(publicUrl, 'maskinporten');

  return {
    issuers: [idporten.verifier, maskinporten.verifier],
    async issue(body) {
      const parsed = DevTokenRequest.safeParse(body);
      if (!parsed.success) {
        return { ok: false, message: 'Send {"pid":"<11 digits>"}, {"client":"<client key>"} or {"org":"<9 digits>","scope":"…"}.' };
      }
      const req = parsed.data;
      if ('pid' in req) {
        const problem = nationalIdentityNumberProblem(req.pid);
        if (problem) return { ok: false, message: `pid: ${problem}` };
        return { ok: true, token: await idporten.sign({ sub: req.pid, pid: req.pid, acr: req.acr, scope: 'openid', client_id: 'dev-login' }) };
      }
      let orgNo: string;
      let scope: string;
      let clientId: string;
      if ('client' in req) {
        const client = story.clients.find((c) => c.key === req.client);
        if (!client) return { ok: false, message: `client: no client ${req.client} in the story (${story.clients.map((c) => c.key).join(', ')})` };
        orgNo = story.organizations.find((o) => o.key === client.organization)!.organizationNumber;
        scope = client.scopes.join(' ');
        clientId = client.key;
      } else {
        const problem = organizationNumberProblem(req.org);
        if (problem) return { ok: false, message: `org: ${problem}` };
        orgNo = req.org;
        scope = req.scope;
        clientId = `dev-${req.org}`;
      }
      return {
        ok: true,
        token: await maskinporten.sign({
          sub: clientId,
          client_id: clientId,
          scope,
          consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${orgNo}` },
        }),
      };
    },
  };
}
