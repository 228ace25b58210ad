import { and, desc, gt, lte, sql } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Db } from '@hub/db';
import { issuedTokens, signingKeys } from '@hub/db/consents';
import { decryptPrivateKey, encryptPrivateKey } from './key-encryption';

export const SIGNING_ALG = 'ES256';

export interface ActiveKey {
  kid: string;
  privateKey: CryptoKey;
}

// Decrypted private keys by kid: decrypting on every token would cost more than signing.
const privateKeys = new Map<string, Promise<CryptoKey>>();

async function createKey(db: Db, kek: Buffer, activeFrom: Date): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = JSON.stringify(await exportJWK(privateKey));
  await db.insert(signingKeys).values({
    kid,
    publicJwk: { ...publicJwk, kid, alg: SIGNING_ALG, use: 'sig' },
    privateKeyEncrypted: encryptPrivateKey(privateJwk, kek, kid),
    activeFrom,
  });
  return kid;
}

// One writer at a time: two processes starting together must not both create a first key.
const lock = (db: Db) => db.execute(sql`select pg_advisory_xact_lock(hashtext('consents.signing_keys'))`);

/** Makes sure a key can sign now: on first start, creates one that is active at once. */
export async function ensureSigningKey(db: Db, kek: Buffer, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await lock(tx as unknown as Db);
    const [current] = await tx.select({ kid: signingKeys.kid }).from(signingKeys).where(lte(signingKeys.activeFrom, now)).limit(1);
    if (!current) await createKey(tx as unknown as Db, kek, now);
  });
}

/**
 * Rotation: a new key, published now and signing from `publishAheadSeconds` on. The old key keeps signing until
 * then and stays in the JWKS while a token it signed is unexpired.
 */
export async function rotateSigningKey(db: Db, kek: Buffer, publishAheadSeconds: number, now = new Date()): Promise<string> {
  return db.transaction(async (tx) => {
    await lock(tx as unknown as Db);
    return createKey(tx as unknown as Db, kek, new Date(now.getTime() + publishAheadSeconds * 1000));
  });
}

/** The newest key whose time has come. */
export async function activeSigningKey(db: Db, kek: Buffer, now = new Date()): Promise<ActiveKey> {
  const [row] = await db
    .select()
    .from(signingKeys)
    .where(lte(signingKeys.activeFrom, now))
    .orderBy(desc(signingKeys.activeFrom), desc(signingKeys.createdAt))
    .limit(1);
  if (!row) {
    await ensureSigningKey(db, kek, now);
    return activeSigningKey(db, kek, now);
  }
  const { kid, privateKeyEncrypted } = row;
  let key = privateKeys.get(kid);
  if (!key) {
    key = importJWK(JSON.parse(decryptPrivateKey(privateKeyEncrypted, kek, kid)) as JWK, SIGNING_ALG) as Promise<CryptoKey>;
    privateKeys.set(kid, key);
  }
  return { kid, privateKey: await key };
}

/**
 * The public keys a verifier needs: every key not yet signing (published ahead), the one signing now, and older
 * ones while a token they signed has not expired.
 */
export async function publicJwks(db: Db, now = new Date()): Promise<JWK[]> {
  const rows = await db.select().from(signingKeys).orderBy(desc(signingKeys.activeFrom), desc(signingKeys.createdAt));
  const stillNeeded = new Set(
    (
      await db
        .selectDistinct({ kid: issuedTokens.kid })
        .from(issuedTokens)
        .where(and(gt(issuedTokens.expiresAt, now)))
    ).map((r) => r.kid),
  );
  const current = rows.find((r) => r.activeFrom <= now);
  return rows
    .filter((r) => r.activeFrom > now || r === current || stillNeeded.has(r.kid))
    .map((r) => r.publicJwk as JWK);
}
