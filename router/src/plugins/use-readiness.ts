import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { postToSubgraph } from '@hub/kit/subgraph-client';
import { jsonResponse } from './json-response';

export interface ReadinessOptions {
  /** Subgraph name → URL; each is asked a signed `{ __typename }`. */
  subgraphs: Record<string, string>;
  /** The router's signing secret: subgraphs refuse unsigned requests. */
  signingSecret: string;
  /** How long one subgraph may take to answer before it counts as down, in ms. Default 5000. */
  timeoutMs?: number;
  /** Default `/readyz` (shared contract). */
  endpoint?: string;
}

/** Asks one subgraph a signed `{ __typename }`; true when it answers within the timeout. */
async function probe(url: string, secret: string, timeoutMs: number): Promise<boolean> {
  try {
    return (await postToSubgraph(url, secret, { query: '{ __typename }', timeoutMs })).ok;
  } catch {
    return false;
  }
}

/**
 * Readiness: `GET /readyz` is 200 `{ status: 'ready', subgraphs }` only when every subgraph answers, else 503 naming
 * which are down. Liveness (`/healthz`) is the gateway's own health check (see createRouter).
 */
export function useReadiness({ subgraphs, signingSecret, timeoutMs = 5_000, endpoint = '/readyz' }: ReadinessOptions): GatewayPlugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== endpoint) return;
      const names = Object.keys(subgraphs);
      const up = await Promise.all(names.map((n) => probe(subgraphs[n]!, signingSecret, timeoutMs)));
      const status = Object.fromEntries(names.map((n, i) => [n, up[i] ? 'up' : 'down']));
      const ready = up.every(Boolean);
      endResponse(jsonResponse({ status: ready ? 'ready' : 'unavailable', subgraphs: status }, ready ? 200 : 503));
    },
  };
}
