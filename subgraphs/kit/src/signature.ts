import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * Router → subgraph request signing. The router signs the exact request body, which carries the query, the
 * variables and the verified viewer (`extensions.jwt`), with a shared secret and a timestamp; a subgraph checks
 * it before it parses anything. Hive Gateway's built-in HMAC plugin signs only query and variables, which would
 * leave the forwarded viewer open to forgery, hence this header.
 */
export const SIGNATURE_HEADER = 'x-hub-signature';
/** How old a signature may be, in ms: bounds replay of a captured request. */
export const SIGNATURE_MAX_AGE_MS = 60_000;

/** The shared secret as a key object, made once by a caller that signs many bodies. */
export const signingKey = (secret: string): KeyObject => createSecretKey(Buffer.from(secret, 'utf8'));

function mac(secret: string | KeyObject, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export function signBody(secret: string | KeyObject, body: string, now = Date.now()): string {
  return `t=${now},v1=${mac(secret, now, body)}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyBodySignature(secret: string, header: string | undefined | null, body: string, now = Date.now()): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing router signature' };
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isSafeInteger(timestamp) || !parts.v1) return { ok: false, reason: 'malformed router signature' };
  if (Math.abs(now - timestamp) > SIGNATURE_MAX_AGE_MS) return { ok: false, reason: 'router signature expired' };
  const expected = Buffer.from(mac(secret, timestamp, body), 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'router signature does not match' };
  }
  return { ok: true };
}
