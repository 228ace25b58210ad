import { createServer, type RequestListener, type Server } from 'node:http';
import type { RouterConfig } from './env';

/**
 * The router's HTTP server with the slow-client limits: a client that stalls while sending headers or body is
 * cut off after the timeouts, idle keep-alive connections close, and at most `maxConnections` are open at once.
 * Node checks the timeouts every `connectionsCheckingInterval`, so that is kept short.
 */
export function createRouterHttpServer(handler: RequestListener, limits: RouterConfig['server']): Server {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      // Node refuses a headers timeout above the request timeout.
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}
