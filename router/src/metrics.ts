import { createServer, type Server } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger as HiveLogger } from '@graphql-hive/logger';
import usePrometheus from '@graphql-mesh/plugin-prometheus';
import { Registry } from 'prom-client';
import type { RouterConfig } from './env';

/**
 * The router's Prometheus metrics. Every label has a small, fixed set of values (operation type, status,
 * subgraph name, phase): never the client's operation name, URL or response path, which would let anonymous
 * traffic grow the registry without bound, and never a subgraph's internal URL.
 */
export function useMetrics(config: RouterConfig['metrics'], registry: Registry, log: HiveLogger): GatewayPlugin {
  return usePrometheus({
    log,
    // Served here only on the public port outside production; otherwise by `serveMetrics` on an internal port.
    endpoint: config.onPublicPort ? config.path! : false,
    registry,
    labels: {
      operationName: false,
      url: false,
      path: false,
      fieldName: false,
      typeName: false,
      fetchRequestHeaders: false,
      fetchResponseHeaders: false,
    },
    metrics: {
      // Off: each walks or summarises every request for nothing the hub reads. The schema has no deprecated fields
      // (the counter would stay 0 after a walk of every document), and the summary repeats request_duration at the
      // price of a quantile estimator per observation.
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_yoga_http_duration: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_error_result: true,
      graphql_gateway_subgraph_execute_duration: true,
      graphql_gateway_subgraph_execute_errors: true,
      graphql_gateway_fetch_duration: false,
    },
  }) as GatewayPlugin;
}

/** Serves a registry at `path` on its own port, for a scraper on the internal network. */
export function createMetricsServer(registry: Registry, path: string): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://metrics').pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
}

export { Registry };
