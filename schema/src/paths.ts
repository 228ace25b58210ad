import { fileURLToPath } from 'node:url';

/** The committed supergraph the router serves. */
export const SUPERGRAPH_PATH = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
/** The public contract's operations: documented examples, preloaded in the playground. */
export const CONTRACT_OPERATIONS_PATH = fileURLToPath(new URL('../operations/contract.graphql', import.meta.url));
