import { and, desc, gt, lte, sql } from 'drizzle-orm';
import { createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Db } from '@hub/db';
import { issuedTokens, signingKeys } from '@hub/db/consents';
import { decryptPrivateKey, encryptPrivateKey } from './key-encryption';

export const SIGNING_ALG = 'ES256';

export interface ActiveKey {
  kid: string;
  privateKey: KeyObject;
}

/**
 * How long a process keeps the list of signing keys before it reads it again. A rotation in another process
 * (`npm run keys:rotate`) publishes the new key SIGNING_KEY_PUBLISH_AHEAD seconds (60 by default) before it signs, so a
 * signer that reads the list this often switches on time; with a shorter lead it signs with the old key a few seconds
 * longer, which verifiers accept (the old key stays published while its tokens live). A rotation in this process
 * clears the list at once.
 */
export const KEY_LIST_TTL_MS = 5_000;

interface KeyListRow {
  kid: string;
  activeFrom: Date;
  privateKeyEncrypted: string;
}

// The key list per database handle, newest first, with when it was read.
const keyLists = new WeakMap<Db, { readAt: number; rows: KeyListRow[] }>();
// Decrypted and imported private keys by kid: decrypting and parsing on every token would cost more than signing.
const privateKeys = new Map<string, KeyObject>();

/** Forgets the key list read from `db`, so the next token reads it again (after a rotation or a first key). */
export function forgetSigningKeys(db: Db): void {
  keyLists.delete(db);
}

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
  forgetSigningKeys(db);
}

/**
 * Rotation: a new key, published now and signing from `publishAheadSeconds` on. The old key keeps signing until
 * then and stays in the JWKS while a token it signed is unexpired.
 */
export async function rotateSigningKey(db: Db, kek: Buffer, publishAheadSeconds: number, now = new Date()): Promise<string> {
  const kid = await db.transaction(async (tx) => {
    await lock(tx as unknown as Db);
    return createKey(tx as unknown as Db, kek, new Date(now.getTime() + publishAheadSeconds * 1000));
  });
  forgetSigningKeys(db);
  return kid;
}

async function keyList(db: Db): Promise<KeyListRow[]> {
  const cached = keyLists.get(db);
  if (cached && Date.now() - cached.readAt < KEY_LIST_TTL_MS) return cached.rows;
  const rows = await db
    .select({ kid: signingKeys.kid, activeFrom: signingKeys.activeFrom, privateKeyEncrypted: signingKeys.privateKeyEncrypted })
    .from(signingKeys)
    .orderBy(desc(signingKeys.activeFrom), desc(signingKeys.createdAt));
  keyLists.set(db, { readAt: Date.now(), rows });
  return rows;
}

/** The newest key whose time has come, from the list this process keeps (no statement on most calls). */
export async function activeSigningKey(db: Db, kek: Buffer, now = new Date()): Promise<ActiveKey> {
  const row = (await keyList(db)).find((r) => r.activeFrom <= now);
  if (!row) {
    await ensureSigningKey(db, kek, now);
    return activeSigningKey(db, kek, now);
  }
  const { kid, privateKeyEncrypted } = row;
  let privateKey = privateKeys.get(kid);
  if (!privateKey) {
    privateKey = createPrivateKey({ key: JSON.parse(decryptPrivateKey(privateKeyEncrypted, kek, kid)) as JsonWebKey, format: 'jwk' });
    privateKeys.set(kid, privateKey);
  }
  return { kid, privateKey };
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
  return rows.filter((r) => r.activeFrom > now || r === current || stillNeeded.has(r.kid)).map((r) => r.publicJwk as JWK);
}
