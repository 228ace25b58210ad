import { postToSubgraph } from '@hub/kit/subgraph-client';

/** How long the router keeps the signing keys it got, in ms. Short: a rotation is published ahead of use. */
const CACHE_MS = 10_000;

/**
 * The consent-token signer's public keys, asked of the consents subgraph (which owns the keys) with a signed
 * request, cached briefly. The router keeps no database connection of its own.
 */
export function consentsJwks(consentsUrl: string | undefined, secret: string): () => Promise<unknown[]> {
  let cached: { at: number; keys: unknown[] } | undefined;
  return async () => {
    if (!consentsUrl) return [];
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.keys;
    const res = await postToSubgraph(consentsUrl, secret, { query: '{ consentSigningKeys }', timeoutMs: 5_000 });
    const json = (await res.json()) as { data?: { consentSigningKeys?: { keys?: unknown[] } } };
    const keys = json.data?.consentSigningKeys?.keys;
    if (!Array.isArray(keys)) throw new Error(`consents subgraph gave no signing keys (HTTP ${res.status})`);
    // An empty set is not kept: the first key is made at the first issuance.
    if (keys.length) cached = { at: Date.now(), keys };
    return keys;
  };
}
