import { createHash, createPublicKey, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import jsonwebtoken from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoryDatabase, partyIdOf, type Database } from '@hub/db';
import { consentRequests, issuedTokens, signingKeys } from '@hub/db/consents';
import { codeRefusal, createAuthorizationCode, findAuthorizationCode, hashCode, pkceMatches, revokeTokensOfCode } from './authorization-code';
import { signConsentToken, type ConsentTokenContent } from './consent-token';
import { decryptPrivateKey, encryptPrivateKey } from './key-encryption';
import { activeSigningKey, ensureSigningKey, publicJwks, rotateSigningKey } from './signing-keys';
import { recordIssuedToken } from './token-write';

const kek = createHash('sha256').update('test kek').digest();
let database: Database;
let HAKON: string;
let BANKEN: string;
beforeAll(async () => {
  database = await openStoryDatabase();
  HAKON = (await partyIdOf(database.db, '12888510018'))!;
  BANKEN = (await partyIdOf(database.db, '310000108'))!;
});
afterAll(() => database?.close());

/** Verifies with jsonwebtoken (not jose, which signed) against a JWKS, as an outside data source would. */
function verifyWithJwks(token: string, jwks: { kid?: string }[], audience: string) {
  const { header } = jsonwebtoken.decode(token, { complete: true })!;
  const jwk = jwks.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error(`no key ${header.kid}`);
  return jsonwebtoken.verify(token, createPublicKey({ key: jwk as never, format: 'jwk' }), {
    algorithms: ['ES256'],
    audience,
    issuer: 'https://hub.test',
  });
}

describe('private keys at rest', () => {
  it('decrypt with the same key and kid only', () => {
    const sealed = encryptPrivateKey('{"d":"secret"}', kek, 'kid-1');
    expect(sealed).not.toContain('secret');
    expect(decryptPrivateKey(sealed, kek, 'kid-1')).toBe('{"d":"secret"}');
    expect(() => decryptPrivateKey(sealed, kek, 'kid-2')).toThrow();
    expect(() => decryptPrivateKey(sealed, createHash('sha256').update('other').digest(), 'kid-1')).toThrow();
  });
});

describe('signing keys, tokens and rotation', () => {
  const content = (validTo = new Date(Date.now() + 3600_000)): ConsentTokenContent => ({
    consentId: randomUUID(),
    from: 'urn:altinn:person:identifier-no:12888510018',
    to: 'urn:altinn:organization:identifier-no:310000108',
    handledBy: null,
    consented: new Date(),
    validTo,
    rights: [{ resource: 'ske-inntekt-skattegrunnlag', actions: ['consent'], metadata: { inntektsaar: '2024' } }],
    audience: ['urn:altinn:organization:identifier-no:310000701'],
    clientId: 'banken-system',
  });

  it('creates one key on first start, stores it encrypted, and signs verifiable ES256 at+jwt tokens', async () => {
    await Promise.all([ensureSigningKey(database.db, kek), ensureSigningKey(database.db, kek)]);
    const rows = await database.db.select().from(signingKeys);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.privateKeyEncrypted).not.toMatch(/"d"/);
    const key = await activeSigningKey(database.db, kek);
    const { token } = await signConsentToken(key, 'https://hub.test', content(), 300, new Date());
    const claims = verifyWithJwks(token, await publicJwks(database.db), 'urn:altinn:organization:identifier-no:310000701') as any;
    expect(jsonwebtoken.decode(token, { complete: true })!.header).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: key.kid });
    expect(claims.authorization_details[0]).toMatchObject({
      type: 'urn:altinn:consent',
      consentRights: [
        { action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: 'ske-inntekt-skattegrunnlag' }], metadata: { inntektsaar: '2024' } },
      ],
    });
    expect(claims.exp - claims.iat).toBe(300);
  });

  it('never lets a token outlive its consent', async () => {
    const now = new Date();
    const validTo = new Date(now.getTime() + 30_000);
    const { expiresAt } = await signConsentToken(await activeSigningKey(database.db, kek), 'https://hub.test', content(validTo), 300, now);
    expect(expiresAt.getTime()).toBeLessThanOrEqual(validTo.getTime());
  });

  it('publishes a rotated key before it signs, and keeps the old one while its tokens live', async () => {
    const now = new Date();
    const old = await activeSigningKey(database.db, kek, now);
    const consent = content();
    await database.db.insert(consentRequests).values({
      id: consent.consentId,
      fromId: HAKON,
      toId: BANKEN,
      validTo: consent.validTo,
      redirectUrl: 'https://bank.test/cb',
      templateId: 'default',
      oneTime: false,
      inputHash: 'x',
    });
    const before = await signConsentToken(old, 'https://hub.test', consent, 300, now);
    await database.db
      .insert(issuedTokens)
      .values({ jti: before.jti, consentId: consent.consentId, recipientId: BANKEN, kid: old.kid, issuedAt: now, expiresAt: before.expiresAt });

    const next = await rotateSigningKey(database.db, kek, 60, now);
    expect((await publicJwks(database.db, now)).map((k) => k.kid)).toEqual(expect.arrayContaining([old.kid, next]));
    expect((await activeSigningKey(database.db, kek, now)).kid).toBe(old.kid);

    const later = new Date(now.getTime() + 61_000);
    const current = await activeSigningKey(database.db, kek, later);
    expect(current.kid).toBe(next);
    const jwksLater = await publicJwks(database.db, later);
    expect(jwksLater.map((k) => k.kid)).toEqual(expect.arrayContaining([old.kid, next]));
    expect(() => verifyWithJwks(before.token, jwksLater, 'urn:altinn:organization:identifier-no:310000701')).not.toThrow();

    const afterExpiry = new Date(before.expiresAt.getTime() + 1000);
    expect((await publicJwks(database.db, afterExpiry)).map((k) => k.kid)).toEqual([next]);
  });
});

describe('authorization codes', () => {
  const consentId = randomUUID();
  let bank: string;
  const verifier = 'a'.repeat(50);
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const base = { recipientId: '', redirectUrl: 'https://bank.test/cb', codeVerifier: verifier };

  beforeAll(async () => {
    bank = base.recipientId = BANKEN;
    await database.db.insert(consentRequests).values({
      id: consentId,
      fromId: HAKON,
      toId: bank,
      validTo: new Date(Date.now() + 3600_000),
      status: 'ACCEPTED',
      answeredAt: new Date(),
      redirectUrl: 'https://bank.test/cb',
      templateId: 'default',
      oneTime: false,
      inputHash: 'x',
    });
  });
  const newCode = (codeChallenge: string | null = challenge, now = new Date()) =>
    createAuthorizationCode(database.db, { consentId, recipientId: bank, redirectUrl: 'https://bank.test/cb', codeChallenge, ttlSeconds: 60, now });
  const check = async (code: string, change: { recipientId?: string; redirectUrl?: string; codeVerifier?: string | null } = {}) =>
    codeRefusal((await findAuthorizationCode(database.db, code))?.code ?? null, { ...base, ...change, now: new Date() });
  const exchange = (code: string) =>
    database.db.transaction((tx) =>
      recordIssuedToken(tx as never, {
        jti: randomUUID(),
        consentId,
        codeHash: hashCode(code),
        recipientId: bank,
        kid: 'k',
        issuedAt: new Date(),
        expiresAt: new Date(Date.now() + 300_000),
        claims: [],
      }),
    );

  it('checks S256 PKCE', () => {
    expect(pkceMatches(verifier, challenge)).toBe(true);
    expect(pkceMatches('b'.repeat(50), challenge)).toBe(false);
  });

  it('is exchanged once; a replay is refused and revokes what it produced', async () => {
    const code = await newCode();
    expect(await check(code)).toBeNull();
    expect(await exchange(code)).toEqual({ code: 1, consent: 1, claimed: 0, issued: 1 });
    expect(await exchange(code)).toMatchObject({ code: 0, issued: 0 });
    expect(await check(code)).toMatchObject({ field: 'code', message: expect.stringContaining('already used') });
    await revokeTokensOfCode(database.db, hashCode(code), new Date());
    const tokens = await database.db
      .select()
      .from(issuedTokens)
      .where(eq(issuedTokens.codeHash, hashCode(code)));
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.revokedAt).not.toBeNull();
  });

  it.each([
    ['a wrong verifier', { codeVerifier: 'b'.repeat(50) }, 'codeVerifier'],
    ['no verifier for a challenge', { codeVerifier: null }, 'codeVerifier'],
    ['another redirect URL', { redirectUrl: 'https://evil.test/cb' }, 'redirectUrl'],
    ['another organisation', { recipientId: randomUUID() }, 'code'],
  ])('refuses %s', async (_name, change, field) => {
    const code = await newCode();
    expect(await check(code, change)).toMatchObject({ field });
    // The code is not used up by a failed attempt.
    expect(await check(code)).toBeNull();
  });

  it('refuses a verifier when no challenge was given, and an expired code', async () => {
    const plain = await newCode(null);
    expect(await check(plain)).toMatchObject({ field: 'codeVerifier' });
    const old = await newCode(challenge, new Date(Date.now() - 61_000));
    expect(await check(old)).toMatchObject({ message: expect.stringContaining('expired') });
  });
});
