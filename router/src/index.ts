export { createRouter, subgraphUrlsOf } from './server';
export { parseRouterEnv, type RouterConfig } from './env';
export { createRouterHttpServer } from './http-server';
export { createMetricsServer, Registry as MetricsRegistry } from './metrics';
