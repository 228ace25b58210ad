import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import type { RequestListener } from 'node:http';
import { createGatewayRuntime, type GatewayPlugin, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { Logger as HiveLogger } from '@graphql-hive/logger';
import { PinoLogWriter } from '@graphql-hive/logger/writers/pino';
import { Registry } from 'prom-client';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { CONTRACT_OPERATIONS_PATH, SUPERGRAPH_PATH } from '@hub/schema/paths';
import { createLogger, type DestinationStream, type Logger } from '@hub/kit/logger';
import { createDevIdentity, type DevIdentity } from './dev-identity';
import { consentsJwks } from './jwks';
import { createForwarder, type Forwarder } from './forwarding/forwarder';
import { documentLimits } from './limits';
import { maskError } from './mask-error';
import { useMetrics } from './metrics';
import type { RouterConfig } from './env';
import { playgroundHtml } from './pages/playground';
import { useAuthentication } from './plugins/use-authentication';
import { useAuthZen } from './plugins/use-authzen';
import { useOAuthToken } from './plugins/use-oauth-token';
import { useConsentPages } from './plugins/use-consent-pages';
import { usePortal } from './plugins/use-portal';
import { useOthersCsv } from './plugins/use-others-csv';
import { useAuthorizationServerMetadata } from './plugins/use-authorization-server-metadata';
import { useBodyLimit } from './plugins/use-body-limit';
import { useDevIdentity } from './plugins/use-dev-identity';
import { useGetParamsCheck } from './plugins/use-get-params-check';
import { useSubscriptionAccept } from './plugins/use-subscription-accept';
import { useJwks } from './plugins/use-jwks';
import { useReadiness } from './plugins/use-readiness';
import { usePageHeaders } from './plugins/use-page-headers';
import { useSubgraphSigning } from './plugins/use-subgraph-signing';
import { useLogin } from './plugins/use-login';
import { createOidcLogin } from './session/oidc-client';
import { createPageSessions, type PageSessions } from './session/page-sessions';
import { cachedTokenVerifier } from './token-cache';
import { createTokenVerifier, remoteIssuer } from './token-verifier';

export interface RouterOptions {
  config: RouterConfig;
  /** Public keys of the consent-token signer; by default asked of the consents subgraph. */
  jwks?: () => Promise<unknown[]>;
  /** Where log lines go; stdout by default. */
  logDestination?: DestinationStream;
  /** Where the metrics are counted, for a caller that serves them on an internal port; a new one by default. */
  metricsRegistry?: Registry;
}

/** The subgraph URLs a supergraph names (its `join__Graph` values' `@join__graph(name, url)`). */
export function subgraphUrlsOf(supergraph: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const definition of parse(supergraph).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (name: string) => directive?.arguments?.find((a) => a.name.value === name)?.value;
      const name = arg('name');
      const url = arg('url');
      if (name?.kind === Kind.STRING && url?.kind === Kind.STRING) urls[name.value] = url.value;
    }
  }
  return urls;
}

/** The gateway, and the node listener to serve it with (the gateway itself, or the forwarder in front of it). */
export type Router = GatewayRuntime & { listener: RequestListener; forwarder?: Forwarder };

/**
 * Builds the router: Hive Gateway over the committed supergraph, with JWT verification, limits, CSRF
 * protection, signing of subgraph requests and the hub's HTTP routes, and (FORWARDING=on) the forwarding of
 * single-subgraph queries in front of it. Opens no port: serve `listener`.
 */
export async function createRouter({ config, jwks, logDestination, metricsRegistry }: RouterOptions): Promise<Router> {
  const log = createLogger('router', config.logLevel, logDestination);
  const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
  // Where each subgraph is reached: the supergraph's defaults, overridden by SUBGRAPH_<NAME>_URL (the gateway's own
  // transport entries, not a rewritten supergraph).
  const subgraphUrls = { ...subgraphUrlsOf(supergraph), ...config.subgraphUrls };
  const devIdentity = config.production ? undefined : await createDevIdentity(config.publicUrl);
  // Each token's signature is checked once, then its claims are kept until it expires (token-cache.ts).
  const verifyToken = cachedTokenVerifier(createTokenVerifier([...(devIdentity?.issuers ?? []), ...config.issuers.map(remoteIssuer)]));
  // The pages' sessions live in this process (see session/session-store.ts).
  const sessions = config.pages ? createPageSessions(config.publicUrl, config.production, config.session) : undefined;
  const contract = readFileSync(CONTRACT_OPERATIONS_PATH, 'utf8');
  const logging = new HiveLogger({ level: hiveLevel(config.logLevel), writers: [new PinoLogWriter(log)] });
  // Its own registry per router, so that several routers in one process (tests) keep separate counts.
  const registry = metricsRegistry ?? new Registry();
  const forwarder = config.forwarding
    ? createForwarder({
        supergraph,
        subgraphUrls,
        signingSecret: config.signingSecret,
        verifyToken,
        maxBodyBytes: config.limits.maxBodyBytes,
        timeoutMs: config.upstream.timeoutMs,
        registry,
        // Its queries write the retrieval log and report one-time uses: always through the gateway.
        withEffects: ['evidence'],
      })
    : undefined;

  // The consent answer endpoint runs the person's mutation through this very gateway.
  let self: GatewayRuntime | undefined;
  const gateway = createGatewayRuntime({
    supergraph,
    // Loaded only when chosen: a native module.
    ...(config.queryPlanner === 'rust' ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler } : {}),
    transportEntries: {
      // Every subgraph request is a POST, subscriptions too (the HTTP executor would send those as GET, with the
      // query in the URL): the signature covers the body (use-subgraph-signing.ts). A subscription is then read as
      // Server-Sent Events, which the subgraph serves when asked for `text/event-stream` (kit/serve-subscription.ts).
      '*': { options: { method: 'POST' } },
      ...Object.fromEntries(Object.entries(config.subgraphUrls).map(([name, location]) => [name, { location }])),
    },
    logging,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // One pair of health endpoints, the contract's: the gateway's own health check is the liveness /healthz (it
    // answers first, so its readiness check, which only says the static supergraph loaded, is folded into it too);
    // /readyz is useReadiness, which asks every subgraph. No /healthcheck or /readiness.
    healthCheckEndpoint: '/healthz',
    readinessCheckEndpoint: '/healthz',
    // Yoga would render GraphiQL for any GET whose whole URL ends in /graphql (`/dev/login?next=/graphql` too).
    graphiql: config.production ? false : (request) => new URL(request.url).pathname === '/graphql',
    renderGraphiQL: () => playgroundHtml(contract),
    disableIntrospection: config.production ? { disableIf: () => true } : undefined,
    maskedErrors: { isDev: false, maskError },
    // The gateway's own per-subgraph timeout, and one retry of a failed query (network error, 5xx,
    // Retry-After): a query changes nothing, so repeating it is safe; a mutation is never repeated, nor a subscription.
    // A subscription is open as long as its client watches: no timeout for it.
    upstreamTimeout: ({ executionRequest }) => (executionRequest?.operationType === 'subscription' ? 0 : config.upstream.timeoutMs),
    upstreamRetry: ({ executionRequest }) =>
      config.upstream.retries > 0 && executionRequest.operationType === 'query'
        ? { maxRetries: config.upstream.retries, retryDelay: 100 }
        : undefined,
    csrfPrevention: { requestHeaders: ['x-graphql-csrf', 'apollo-require-preflight', 'graphql-preflight'] },
    plugins: () =>
      hubPlugins({
        config,
        subgraphUrls,
        jwks,
        devIdentity,
        verifyToken,
        sessions,
        log,
        logging,
        metricsRegistry: registry,
        graph: async (request) => self!.fetch(request),
      }).concat(forwarder ? [forwarder.plugin] : []),
  });
  self = gateway;
  return Object.assign(gateway, { listener: forwarder ? forwarder.listener(gateway) : gateway, forwarder });
}

/** The hub's plugins, in order: page headers, the router's own routes, authentication, limits, signing, metrics. */
function hubPlugins(p: {
  config: RouterConfig;
  subgraphUrls: Record<string, string>;
  jwks: (() => Promise<unknown[]>) | undefined;
  devIdentity: DevIdentity | undefined;
  verifyToken: ReturnType<typeof cachedTokenVerifier>;
  sessions: PageSessions | undefined;
  log: Logger;
  logging: HiveLogger;
  metricsRegistry: Registry;
  graph: (request: Request) => Promise<Response>;
}): GatewayPlugin[] {
  const { config, subgraphUrls, jwks, devIdentity, verifyToken, sessions, log, logging, metricsRegistry, graph } = p;
  const origin = new URL(config.publicUrl).origin;
  return [
    usePageHeaders(),
    // Before anything reads a body.
    useBodyLimit({ maxBytes: config.limits.maxBodyBytes }),
    useGetParamsCheck(),
    useSubscriptionAccept(),
    useReadiness({ subgraphs: subgraphUrls, signingSecret: config.signingSecret }),
    useJwks({ keys: jwks ?? consentsJwks(subgraphUrls.consents!, config.signingSecret) }),
    useAuthorizationServerMetadata({ issuer: config.publicUrl }),
    ...(devIdentity ? [useDevIdentity({ identity: devIdentity })] : []),
    // The plugin's bundled typings carry their own Logger class; the runtime types are the same.
    ...(sessions
      ? [
          useLogin({
            sessions,
            oidc: config.oidc ? createOidcLogin(config.oidc, config.production) : null,
            devIdentity,
            verifyToken,
            publicUrl: config.publicUrl,
            log: log.child({ component: 'login' }),
          }),
          useConsentPages({ sessions, graph }),
          // Before the portal: /portal/others.csv is a file, not one of its pages.
          useOthersCsv({ sessions, graph }),
          usePortal({ sessions, graph, loginOrigin: config.oidc ? new URL(config.oidc.issuer).origin : null }),
        ]
      : []),
    useAuthZen({ publicUrl: config.publicUrl, verify: verifyToken, graph, log: log.child({ component: 'authzen' }) }),
    useOAuthToken({ graph, log: log.child({ component: 'oauth-token' }) }),
    useAuthentication({ verify: verifyToken, log: log.child({ component: 'authentication' }), sessions, origin }),
    ...documentLimits(config.limits),
    ...(config.production ? [blockFieldSuggestionsPlugin() as GatewayPlugin] : []),
    useSubgraphSigning(config.signingSecret),
    ...(config.metrics.onPublicPort || config.metrics.port !== null ? [useMetrics(config.metrics, metricsRegistry, logging)] : []),
  ];
}

function hiveLevel(level: RouterConfig['logLevel']): 'trace' | 'debug' | 'info' | 'warn' | 'error' | false {
  if (level === 'silent') return false;
  return level === 'fatal' ? 'error' : level;
}
