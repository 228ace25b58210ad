import type { GraphQLError } from 'graphql';
import { limitExceeded } from '@hub/kit/errors';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { RouterConfig } from './env';

/** The armor plugins report "Syntax Error: … limit of N exceeded"; clients get a stable code instead. */
const refuse = (_context: unknown, err: GraphQLError): never => {
  throw limitExceeded(err.message.replace(/^Syntax Error: /, ''));
};

/**
 * The document limits: depth counted through fragments as the fields really nest (a fragment spread is no
 * level of its own), every alias counted (`__typename` too: it costs a field like any other), and tokens.
 */
export function documentLimits(limits: RouterConfig['limits']): GatewayPlugin[] {
  return [
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, onReject: [refuse] }),
    maxTokensPlugin({ n: limits.maxTokens, onReject: [refuse] }),
    maxAliasesPlugin({ n: limits.maxAliases, allowList: [], onReject: [refuse] }),
  ] as GatewayPlugin[];
}
