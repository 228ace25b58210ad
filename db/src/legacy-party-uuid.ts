import { createHash } from 'node:crypto';

/**
 * The party id the hub used to compute from a register number (an unkeyed SHA-1, version 5 layout), retired by
 * migration 0005 because anyone could reverse it by hashing candidate numbers. Kept only so that tests can show that
 * no stored id follows it any more and can build pre-0005 data; never use it to name a party.
 */
export function legacyPartyUuid(identifier: string): string {
  const hash = createHash('sha1').update('urn:altinn:party:').update(identifier).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
