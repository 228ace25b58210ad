export { createRouter, subgraphUrlsOf, withSubgraphUrls } from './server';
export { parseRouterEnv, type RouterConfig } from './env';
