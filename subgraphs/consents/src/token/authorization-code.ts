import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { authorizationCodes, consentRequests, issuedTokens } from '@hub/db/consents';
import type { ConsentRow } from '../consent/consent.type';

const sha256 = (s: string) => createHash('sha256').update(s).digest();
export const hashCode = (code: string) => sha256(code).toString('hex');

export type AuthorizationCodeRow = typeof authorizationCodes.$inferSelect;

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

export interface CodeRefusal {
  code: 'BAD_USER_INPUT' | 'FORBIDDEN';
  field: string;
  message: string;
}

/** RFC 7636 S256: BASE64URL(SHA256(verifier)) equals the challenge. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  const given = Buffer.from(sha256(verifier).toString('base64url'));
  const expected = Buffer.from(challenge);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A code and the consent it was given for, by the code's hash: one statement. */
export async function findAuthorizationCode(db: Db, code: string): Promise<{ code: AuthorizationCodeRow; consent: ConsentRow } | null> {
  const [row] = await db
    .select({ code: authorizationCodes, consent: consentRequests })
    .from(authorizationCodes)
    .innerJoin(consentRequests, eq(consentRequests.id, authorizationCodes.consentId))
    .where(eq(authorizationCodes.codeHash, hashCode(code)));
  return row ?? null;
}

/**
 * Why a code cannot be exchanged by this caller now, or null when it can. A failed check does not use the code up;
 * the exchange itself uses it by one conditional update (`… where used_at is null`), so of two exchanges one wins.
 */
export function codeRefusal(
  row: AuthorizationCodeRow | null,
  args: { recipientId: string; redirectUrl: string | null; codeVerifier: string | null; now: Date },
): CodeRefusal | null {
  const refuse = (code: CodeRefusal['code'], field: string, message: string): CodeRefusal => ({ code, field, message });
  if (!row) return refuse('BAD_USER_INPUT', 'code', 'unknown authorization code');
  if (row.usedAt) return refuse('BAD_USER_INPUT', 'code', 'the authorization code was already used; the tokens issued from it are revoked');
  if (row.expiresAt <= args.now) return refuse('BAD_USER_INPUT', 'code', 'the authorization code has expired (codes live 60 seconds)');
  if (row.recipientId !== args.recipientId) return refuse('FORBIDDEN', 'code', 'the authorization code was issued to another organisation');
  if (args.redirectUrl !== row.redirectUrl) return refuse('BAD_USER_INPUT', 'redirectUrl', 'must be exactly the redirectUrl of the consent request');
  if (row.codeChallenge && !args.codeVerifier) return refuse('BAD_USER_INPUT', 'codeVerifier', 'is required: the request had a PKCE challenge');
  if (!row.codeChallenge && args.codeVerifier) return refuse('BAD_USER_INPUT', 'codeVerifier', 'was given, but the request had no PKCE challenge');
  if (row.codeChallenge && !pkceMatches(args.codeVerifier!, row.codeChallenge)) {
    return refuse('BAD_USER_INPUT', 'codeVerifier', 'does not match the PKCE challenge (S256)');
  }
  return null;
}

/** A replayed code may have been stolen: every token issued from it is revoked. */
export async function revokeTokensOfCode(db: Db, codeHash: string, now: Date): Promise<void> {
  await db
    .update(issuedTokens)
    .set({ revokedAt: now })
    .where(and(eq(issuedTokens.codeHash, codeHash), isNull(issuedTokens.revokedAt)));
}
