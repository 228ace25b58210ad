export { compose, staleFiles } from './compose';
export * from './paths';
export { SUBGRAPH_MODULES } from './subgraph-modules';
