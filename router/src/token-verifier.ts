import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type CryptoKey, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { claimedIdentityKind, IDENTITY_KIND_CLAIM, type IdentityKind } from '@hub/kit/viewer';
import type { TrustedIssuer } from './env';
import { KEY_SET_MAX_AGE_MS } from './token-cache';

/** How far clocks may disagree, in seconds, for `exp`, `nbf` and `iat`. */
export const CLOCK_SKEW_SECONDS = 30;

/** Only asymmetric algorithms: a symmetric one would let anyone holding a public key sign. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'PS256', 'ES256'];

/** An issuer as the verifier needs it: its keys (a cached remote key set, or one local key) and its rules. */
export interface VerifierIssuer extends Omit<TrustedIssuer, 'jwksUri'> {
  keys: JWTVerifyGetKey | CryptoKey;
}

/** A token the router does not accept, and why (for the log: the caller is told only that it was refused). */
export class TokenRefused extends Error {}

/** The claims of a verified token, with the kind of identity its issuer vouches for added. */
export type VerifiedClaims = JWTPayload & { [IDENTITY_KIND_CLAIM]: IdentityKind };

/** A remote issuer's keys: fetched on first use and on an unknown `kid` (at most every 30 s), kept as key objects. */
export function remoteIssuer(issuer: TrustedIssuer): VerifierIssuer {
  const { jwksUri, ...rules } = issuer;
  return {
    ...rules,
    keys: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: KEY_SET_MAX_AGE_MS }),
  };
}

/**
 * Verifies bearer tokens against the trusted issuers. The token's (unverified) `iss` picks the one issuer
 * whose keys, audience and lifetime rules apply; nothing is tried against another issuer's keys. The token
 * must name this hub as audience, carry `exp` and `iat`, live no longer than the issuer's maximum, and describe
 * the kind of identity the issuer vouches for (persons or organisations).
 * Throws `TokenRefused` for anything the caller sent wrong; other errors (an issuer's keys unreachable) pass on.
 */
export function createTokenVerifier(
  issuers: readonly VerifierIssuer[],
  /** The clock, in ms, for `exp`, `nbf` and `iat`; a test moves it. */
  now: () => number = Date.now,
): (token: string) => Promise<VerifiedClaims> {
  const byIssuer = new Map(issuers.map((i) => [i.issuer, i]));
  return async (token) => {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch (err) {
      throw new TokenRefused(`not a JWT: ${(err as Error).message}`);
    }
    const issuer = typeof unverified.iss === 'string' ? byIssuer.get(unverified.iss) : undefined;
    if (!issuer) throw new TokenRefused(`untrusted issuer ${JSON.stringify(unverified.iss)}`);
    let payload: JWTPayload;
    try {
      const options = {
        issuer: issuer.issuer,
        audience: issuer.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: issuer.maxLifetimeSeconds,
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: new Date(now()),
      };
      // Two calls rather than one with a union: jose types the key-set and the single-key forms apart.
      ({ payload } = typeof issuer.keys === 'function' ? await jwtVerify(token, issuer.keys, options) : await jwtVerify(token, issuer.keys, options));
    } catch (err) {
      if (err instanceof errors.JOSEError && !(err instanceof errors.JWKSTimeout)) throw new TokenRefused(`${err.code}: ${err.message}`);
      if (err instanceof TypeError && /JWS|JWT|Compact/.test(err.message)) throw new TokenRefused(err.message);
      throw err;
    }
    if (payload.exp! - payload.iat! > issuer.maxLifetimeSeconds) {
      throw new TokenRefused(`lives ${payload.exp! - payload.iat!} s, more than the ${issuer.maxLifetimeSeconds} s ${issuer.issuer} may issue`);
    }
    const kind = claimedIdentityKind(payload);
    if (kind !== issuer.kind) throw new TokenRefused(`${issuer.issuer} vouches for ${issuer.kind}s; the token describes ${kind ?? 'no identity'}`);
    return { ...payload, [IDENTITY_KIND_CLAIM]: kind };
  };
}
