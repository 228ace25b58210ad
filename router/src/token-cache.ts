import type { VerifiedClaims } from './token-verifier';

/** How long a remote issuer's key set is trusted before it is fetched again, in ms (jose's `cacheMaxAge`). */
export const KEY_SET_MAX_AGE_MS = 600_000;

export interface TokenCacheOptions {
  /** Most verified tokens kept; past it the least recently used goes. */
  maxEntries?: number;
  /**
   * Longest a verified token is trusted without verifying it again, in ms, whatever its `exp`. The default is how
   * long a remote issuer's key set is kept: a key the issuer withdraws stops working as soon as it did before.
   */
  maxAgeMs?: number;
  /** The clock, in ms; a test moves it. */
  now?: () => number;
}

export const TOKEN_CACHE_DEFAULTS = { maxEntries: 10_000, maxAgeMs: KEY_SET_MAX_AGE_MS } as const;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Keeps what `verify` accepted, keyed by the token string, until the token's `exp` (or `maxAgeMs`, if sooner):
 * a caller's next requests with the same token skip the signature check, once per token instead of once per
 * request. Only accepted tokens are kept; a refusal is never remembered as an acceptance, and an expired entry is
 * verified afresh (and so refused). The claims are frozen: every request that presents the token shares them.
 */
export function cachedTokenVerifier(
  verify: (token: string) => Promise<VerifiedClaims>,
  options: TokenCacheOptions = {},
): (token: string) => Promise<VerifiedClaims> {
  const { maxEntries, maxAgeMs } = { ...TOKEN_CACHE_DEFAULTS, ...options };
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, { claims: VerifiedClaims; until: number }>();
  return async (token) => {
    const hit = entries.get(token);
    if (hit) {
      entries.delete(token);
      if (now() < hit.until) {
        entries.set(token, hit);
        return hit.claims;
      }
    }
    const claims = deepFreeze(await verify(token));
    const at = now();
    // `exp` is required by the verifier; a token without it is not kept.
    const until = typeof claims.exp === 'number' ? Math.min(claims.exp * 1000, at + maxAgeMs) : at;
    if (until > at) {
      entries.set(token, { claims, until });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    return claims;
  };
}
