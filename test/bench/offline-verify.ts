import { createPublicKey, type KeyObject } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import jsonwebtoken from 'jsonwebtoken';

export interface VerifyFigures {
  library: string;
  verifications: number;
  perSecond: number;
  p50Micros: number;
  p99Micros: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function measure(library: string, seconds: number, verify: () => Promise<unknown> | unknown): Promise<VerifyFigures> {
  for (let i = 0; i < 200; i++) await verify(); // warm-up
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    const t = performance.now();
    await verify();
    times.push((performance.now() - t) * 1000);
  }
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return {
    library,
    verifications: times.length,
    perSecond: times.length / elapsed,
    p50Micros: percentile(times, 0.5),
    p99Micros: percentile(times, 0.99),
  };
}

/**
 * Offline verification of a consent token as a data source does it: the hub's JWKS fetched once, then signature,
 * issuer, audience and expiry checked per token, with no call to the hub. Two libraries, one thread.
 */
export async function benchOfflineVerification(args: {
  token: string;
  jwks: JSONWebKeySet;
  issuer: string;
  audience: string;
  seconds: number;
}): Promise<VerifyFigures[]> {
  const keySet = createLocalJWKSet(args.jwks);
  const byKid = new Map<string, KeyObject>(args.jwks.keys.map((k) => [k.kid!, createPublicKey({ key: k as never, format: 'jwk' })]));
  const options = { issuer: args.issuer, audience: args.audience };
  return [
    await measure('jose', args.seconds, () => jwtVerify(args.token, keySet, { ...options, algorithms: ['ES256'], typ: 'at+jwt' })),
    await measure('jsonwebtoken', args.seconds, () => {
      const { header } = jsonwebtoken.decode(args.token, { complete: true })!;
      return jsonwebtoken.verify(args.token, byKid.get(header.kid!)!, { ...options, algorithms: ['ES256'] });
    }),
  ];
}
