import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { SIGNATURE_HEADER, signBody, signingKey } from '@hub/kit/signature';

/**
 * Signs every subgraph request's exact body (query, variables and the forwarded viewer) for the subgraph to verify:
 * the string the gateway sends, never a re-serialisation, with a key made once.
 */
export function useSubgraphSigning(secret: string): GatewayPlugin {
  const key = signingKey(secret);
  return {
    onFetch({ options, setOptions }) {
      if (typeof options.body !== 'string') throw new Error('subgraph request body is not a string; cannot sign it');
      setOptions({
        ...options,
        headers: { ...(options.headers as Record<string, string>), [SIGNATURE_HEADER]: signBody(key, options.body) },
      });
    },
  };
}
