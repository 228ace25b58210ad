import { fileURLToPath } from 'node:url';

/** The committed supergraph the router serves. */
export const SUPERGRAPH_PATH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
/** The public contract's operations: documented examples, preloaded in the playground. */
export const CONTRACT_OPERATIONS_PATH = fileURLToPath(new URL('../operations/contract.graphql', import.meta.url));
/** The API schema's types for gql.tada, written by `npm run compose`: the portal pages' queries are typed from it. */
export const PORTAL_GRAPHQL_ENV_PATH = fileURLToPath(new URL('../../router/src/pages/portal/graphql-env.d.ts', import.meta.url));
