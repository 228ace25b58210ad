import { randomUUID } from 'node:crypto';
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { z } from 'zod';
import { nationalIdentityNumberProblem, organizationNumberProblem, story } from '@hub/db';

/** Lifetime of dev tokens, in seconds. */
export const DEV_TOKEN_TTL = 3600;

export const DevTokenRequest = z.union([
  z.object({ pid: z.string() }).strict(),
  z.object({ client: z.string() }).strict(),
  z.object({ org: z.string(), scope: z.string().default('') }).strict(),
]);

export interface DevIdentity {
  issuer: string;
  publicKeyPem: string;
  /** Signs a person or organisation token, or says what is wrong with the request. */
  issue(body: unknown): Promise<{ ok: true; token: string } | { ok: false; message: string }>;
}

/**
 * The development identity provider: ID-porten-like person tokens and Maskinporten-like organisation tokens,
 * signed with a key made at start-up. Never mounted in production.
 */
export async function createDevIdentity(publicUrl: string): Promise<DevIdentity> {
  const issuer = `${publicUrl}/dev`;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({ ...claims, jti: randomUUID() })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: 'dev' })
      .setIssuer(issuer)
      .setAudience(publicUrl)
      .setIssuedAt()
      .setExpirationTime(`${DEV_TOKEN_TTL}s`)
      .sign(privateKey as CryptoKey);

  return {
    issuer,
    publicKeyPem: await exportSPKI(publicKey as CryptoKey),
    async issue(body) {
      const parsed = DevTokenRequest.safeParse(body);
      if (!parsed.success) {
        return { ok: false, message: 'Send {"pid":"<11 digits>"}, {"client":"<client key>"} or {"org":"<9 digits>","scope":"…"}.' };
      }
      const req = parsed.data;
      if ('pid' in req) {
        const problem = nationalIdentityNumberProblem(req.pid);
        if (problem) return { ok: false, message: `pid: ${problem}` };
        return { ok: true, token: await sign({ sub: req.pid, pid: req.pid, acr: 'idporten-loa-substantial', scope: 'openid', client_id: 'dev-login' }) };
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
        token: await sign({ sub: clientId, client_id: clientId, scope, consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${orgNo}` } }),
      };
    },
  };
}
