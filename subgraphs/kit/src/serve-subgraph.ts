import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, type Db } from '@hub/db';
import { sql } from 'drizzle-orm';
import { createContext, type HubSettings, type LoadersFactory, type SubgraphContext } from './context';
import { errorBody, maskError, unavailable } from './errors';
import { closeServer } from './graceful';
import type { Logger } from './logger';
import { OpenStreams, serveSubscription, subscriptionDocument, wantsEventStream } from './serve-subscription';
import { SIGNATURE_HEADER, verifyBodySignature } from './signature';
import { REQUEST_ID_HEADER } from './subgraph-client';
import { viewerFromClaims } from './viewer';
import { createViewerPartyIds } from './viewer-party-ids';

const MAX_BODY_BYTES = 1_000_000;

export interface SubgraphServerOptions<Loaders> {
  name: string;
  schema: GraphQLSchema;
  db: Db;
  createLoaders: LoadersFactory<Loaders>;
  /** Shared with the router; requests not signed with it are refused with 401. */
  signingSecret: string;
  log: Logger;
  settings: HubSettings;
}

export interface SubgraphServer {
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** The node request handler, for tests that want to mount it themselves. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * Serves one subgraph over HTTP. Every request must carry a valid router signature over its exact body;
 * the check runs before any GraphQL parsing, so `_entities`, `_service` and introspection are closed to
 * anyone but the router. `GET /healthz` (liveness) and `GET /readyz` (the database answers) are the unsigned routes.
 */
export async function createSubgraphServer<Loaders>(options: SubgraphServerOptions<Loaders>): Promise<SubgraphServer> {
  const { log } = options;
  const apollo = createApollo<Loaders>(options.schema, log);
  await apollo.start();
  const viewerPartyIds = createViewerPartyIds(options.db);
  const streams = new OpenStreams();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (url.pathname === '/healthz') return send(res, 200, { status: 'ok', subgraph: options.name });
    if (url.pathname === '/readyz') return ready(res, options.db, options.name, log);
    if (url.pathname !== '/graphql') return send(res, 404, { error: 'not found' });

    const body = await readBody(req);
    if (body === null) return send(res, 413, errorBody('BAD_REQUEST', 'Request body too large.'));
    const check = verifyBodySignature(options.signingSecret, header(req, SIGNATURE_HEADER), body);
    if (!check.ok) {
      log.warn({ reason: check.reason }, 'refused unsigned subgraph request');
      return send(res, 401, errorBody('UNAUTHENTICATED', `Only the router may call this subgraph (${check.reason}).`));
    }
    if (req.method !== 'POST') return send(res, 405, errorBody('BAD_REQUEST', 'Use POST.'));

    let json: Record<string, unknown>;
    try {
      json = JSON.parse(body);
    } catch {
      return send(res, 400, errorBody('BAD_REQUEST', 'The body is not JSON.'));
    }
    // A subscription (the router asks for an event stream): served here, over SSE; Apollo Server has no subscriptions.
    const subscription = wantsEventStream(header(req, 'accept')) ? subscriptionDocument(json) : null;
    if (subscription) return stream({ options, viewerPartyIds, log }, req, res, subscription, json, streams);
    return execute(apollo, { options, viewerPartyIds, log }, req, res, url, json);
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err) => {
      if (res.headersSent) return void res.end();
      // Before execution (the viewer's party lookup) the database may be down: a retryable answer, not a bug.
      if (isDatabaseUnavailable(err)) {
        log.warn({ err }, 'subgraph request failed: the database does not answer');
        const { message, extensions } = unavailable();
        return send(res, 200, { errors: [{ message, extensions }] });
      }
      log.error({ err }, 'subgraph request failed');
      send(res, 500, errorBody('INTERNAL', 'Internal server error'));
    });
  };
  let server: Server | undefined;
  return {
    handler,
    async listen(port, host = '127.0.0.1') {
      server = createServer(handler);
      server.keepAliveTimeout = 65_000;
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolve());
      });
      const address = server.address() as AddressInfo;
      return `http://${host}:${address.port}/graphql`;
    },
    async close() {
      // An event stream never ends on its own: end them so that the server can close.
      streams.endAll();
      if (server) await closeServer(server);
      await apollo.stop();
    },
  };
}

/** Runs one signed subscription with its viewer and request id, as an event stream (serve-subscription.ts). */
async function stream<Loaders>(
  run: { options: SubgraphServerOptions<Loaders>; viewerPartyIds: ReturnType<typeof createViewerPartyIds>; log: Logger },
  req: IncomingMessage,
  res: ServerResponse,
  document: DocumentNode,
  json: Record<string, unknown>,
  streams: OpenStreams,
): Promise<void> {
  const requestId = header(req, REQUEST_ID_HEADER) ?? randomUUID();
  res.setHeader(REQUEST_ID_HEADER, requestId);
  run.log.debug({ requestId, operationName: json.operationName }, 'graphql subscription');
  const extensions = (json.extensions ?? {}) as { jwt?: { payload?: unknown } };
  const viewer = await viewerFromClaims(extensions.jwt?.payload, run.viewerPartyIds);
  const log = run.log.child({ requestId });
  await serveSubscription({
    schema: run.options.schema,
    document,
    json,
    contextValue: createContext({
      db: run.options.db,
      viewer,
      requestId,
      log,
      createLoaders: run.options.createLoaders,
      settings: run.options.settings,
    }),
    res,
    streams,
    log,
  });
}

/** Runs one signed, parsed GraphQL request with its viewer and request id, and writes Apollo's answer. */
async function execute<Loaders>(
  apollo: ApolloServer<SubgraphContext<Loaders>>,
  run: { options: SubgraphServerOptions<Loaders>; viewerPartyIds: ReturnType<typeof createViewerPartyIds>; log: Logger },
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  json: Record<string, unknown>,
): Promise<void> {
  const requestId = header(req, REQUEST_ID_HEADER) ?? randomUUID();
  res.setHeader(REQUEST_ID_HEADER, requestId);
  run.log.debug({ requestId, operationName: json.operationName }, 'graphql request');
  const extensions = (json.extensions ?? {}) as { jwt?: { payload?: unknown } };
  const viewer = await viewerFromClaims(extensions.jwt?.payload, run.viewerPartyIds);
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: url.search, body: json },
    context: async () =>
      createContext({
        db: run.options.db,
        viewer,
        requestId,
        log: run.log.child({ requestId }),
        createLoaders: run.options.createLoaders,
        settings: run.options.settings,
      }),
  });
  res.statusCode = response.status ?? 200;
  for (const [key, value] of response.headers) res.setHeader(key, value);
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
  } else {
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

function createApollo<Loaders>(schema: GraphQLSchema, log: Logger): ApolloServer<SubgraphContext<Loaders>> {
  return new ApolloServer<SubgraphContext<Loaders>>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // The process owner (main.ts, the stack, the benchmark) decides when to stop, and stops everything in order.
    stopOnTerminationSignals: false,
    // No cache hints here: the cache-control plugin would otherwise hook every field of every answer (700 fields for
    // an Authorize batch of 100) to compute a policy nobody reads.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
    ],
    formatError: (formatted, original) => maskError(formatted, original, (err) => log.error({ err }, 'masked error')),
  });
}

/** Ready when the database answers: 503 (UNAVAILABLE, with Retry-After) while it cannot be reached. */
async function ready(res: ServerResponse, db: Db, name: string, log: Logger): Promise<void> {
  try {
    // A probe never hangs: a database that takes longer than this is as good as down.
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) =>
        setTimeout(() => reject(Object.assign(new Error('readiness query timed out'), { code: 'ETIMEDOUT' })), 2_000).unref(),
      ),
    ]);
    send(res, 200, { status: 'ready', subgraph: name });
  } catch (err) {
    log.warn({ err }, 'not ready: the database does not answer');
    res.setHeader('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    send(res, 503, { status: 'unavailable', subgraph: name, ...errorBody('UNAVAILABLE', unavailable().message) });
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(payload));
}
