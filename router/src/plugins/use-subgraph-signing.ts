import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { SIGNATURE_HEADER, signBody } from '@hub/kit';

/** Signs every subgraph request's exact body (query, variables and the forwarded viewer) for the subgraph to verify. */
export function useSubgraphSigning(secret: string): GatewayPlugin {
  return {
    onFetch({ options, setOptions }) {
      if (typeof options.body !== 'string') throw new Error('subgraph request body is not a string; cannot sign it');
      setOptions({
        ...options,
        headers: { ...(options.headers as Record<string, string>), [SIGNATURE_HEADER]: signBody(secret, options.body) },
      });
    },
  };
}
