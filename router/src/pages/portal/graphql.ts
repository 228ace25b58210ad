import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * `graphql()` for the portal pages' queries: gql.tada infers each query's result and variables types from the
 * public API schema (`graphql-env.d.ts`, written by `npm run compose` from the supergraph; `npm run check` fails
 * when it is out of date). A query on a field the graph does not have is a type error, and
 * `portal-queries.test.ts` validates every page's query against the supergraph.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; JSON: Record<string, string> | null };
}>();

export type { FragmentOf, ResultOf, VariablesOf, TadaDocumentNode } from 'gql.tada';
