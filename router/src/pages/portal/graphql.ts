import { parse } from '@0no-co/graphql.web';
import type { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

type Setup = {
  introspection: introspection;
  scalars: { DateTime: string; JSON: Record<string, string> | null };
};

/**
 * `graphql()` for the portal pages' queries: gql.tada infers each query's result and variables types from the
 * public API schema (`graphql-env.d.ts`, written by `npm run compose` from the supergraph; `npm run check` fails
 * when it is out of date). A query on a field the graph does not have is a type error, and
 * `portal-queries.test.ts` validates every page's query against the supergraph.
 * At run time it only parses the query (what gql.tada's own `graphql()` does for a query without fragments), so
 * gql.tada is a devDependency, used for its types: a production install carries neither it nor the TypeScript
 * compiler it needs.
 */
export const graphql = ((source: string) => parse(source)) as unknown as ReturnType<typeof initGraphQLTada<Setup>>;

export type { FragmentOf, ResultOf, VariablesOf, TadaDocumentNode } from 'gql.tada';
