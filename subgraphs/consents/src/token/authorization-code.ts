import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { authorizationCodes, issuedTokens } from '@hub/db/consents';

const sha256 = (s: string) => createHash('sha256').update(s).digest();
export const hashCode = (code: string) => sha256(code).toString('hex');

/** A fresh one-time code (256 bits), stored only as its hash, bound to consent, recipient, redirect and PKCE. */
export async function createAuthorizationCode(
  db: Db,
  args: { consentId: string; recipientId: string; redirectUrl: string; codeChallenge: string | null; ttlSeconds: number; now: Date },
): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  await db.insert(authorizationCodes).values({
    codeHash: hashCode(code),
    consentId: args.consentId,
    recipientId: args.recipientId,
    redirectUrl: args.redirectUrl,
    codeChallenge: args.codeChallenge,
    expiresAt: new Date(args.now.getTime() + args.ttlSeconds * 1000),
  });
  return code;
}

export type Redemption =
  | { ok: true; consentId: string; codeHash: string }
  | { ok: false; code: 'BAD_USER_INPUT' | 'FORBIDDEN'; field: string; message: string };

/** RFC 7636 S256: BASE64URL(SHA256(verifier)) equals the challenge. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  const given = Buffer.from(sha256(verifier).toString('base64url'));
  const expected = Buffer.from(challenge);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Exchanges a code once. A second use is refused and revokes every token issued from the code (it may have been
 * stolen). A failed check does not use the code up, except that replay.
 */
export async function redeemAuthorizationCode(
  db: Db,
  args: { code: string; recipientId: string; redirectUrl: string | null; codeVerifier: string | null; now: Date },
): Promise<Redemption> {
  const codeHash = hashCode(args.code);
  const [row] = await db.select().from(authorizationCodes).where(eq(authorizationCodes.codeHash, codeHash));
  const refuse = (code: 'BAD_USER_INPUT' | 'FORBIDDEN', field: string, message: string): Redemption => ({ ok: false, code, field, message });
  if (!row) return refuse('BAD_USER_INPUT', 'code', 'unknown authorization code');
  if (row.usedAt) {
    await db.update(issuedTokens).set({ revokedAt: args.now }).where(and(eq(issuedTokens.codeHash, codeHash), isNull(issuedTokens.revokedAt)));
    return refuse('BAD_USER_INPUT', 'code', 'the authorization code was already used; the tokens issued from it are revoked');
  }
  if (row.expiresAt <= args.now) return refuse('BAD_USER_INPUT', 'code', 'the authorization code has expired (codes live 60 seconds)');
  if (row.recipientId !== args.recipientId) return refuse('FORBIDDEN', 'code', 'the authorization code was issued to another organisation');
  if (args.redirectUrl !== row.redirectUrl) return refuse('BAD_USER_INPUT', 'redirectUrl', 'must be exactly the redirectUrl of the consent request');
  if (row.codeChallenge && !args.codeVerifier) return refuse('BAD_USER_INPUT', 'codeVerifier', 'is required: the request had a PKCE challenge');
  if (!row.codeChallenge && args.codeVerifier) return refuse('BAD_USER_INPUT', 'codeVerifier', 'was given, but the request had no PKCE challenge');
  if (row.codeChallenge && !pkceMatches(args.codeVerifier!, row.codeChallenge)) {
    return refuse('BAD_USER_INPUT', 'codeVerifier', 'does not match the PKCE challenge (S256)');
  }
  // Atomic: of two concurrent exchanges, one wins.
  const won = await db
    .update(authorizationCodes)
    .set({ usedAt: args.now })
    .where(and(eq(authorizationCodes.codeHash, codeHash), isNull(authorizationCodes.usedAt)))
    .returning({ consentId: authorizationCodes.consentId });
  if (!won.length) return refuse('BAD_USER_INPUT', 'code', 'the authorization code was already used');
  return { ok: true, consentId: row.consentId, codeHash };
}
