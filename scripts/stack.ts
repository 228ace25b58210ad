import 'reflect-metadata';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDatabase, migrate, seedStory, type Database } from '@hub/db';
import { createLogger, createSubgraphServer, DEV_ROUTER_SECRET, SUBGRAPHS, type DestinationStream, type HubSettings, type SubgraphServer } from '@hub/kit';
import { createRouter, parseRouterEnv } from '@hub/router';
import { SUBGRAPH_MODULES } from '@hub/schema';

export interface StackOptions {
  /** postgres:// URL; absent: the embedded database. */
  databaseUrl?: string;
  /** Embedded database directory (`memory://` for throwaway). */
  pgliteDir?: string;
  /** Router port; 0 picks a free one. Subgraphs take their default ports, or free ones when `port` is 0. */
  port: number;
  host?: string;
  publicUrl?: string;
  logLevel?: string;
  signingSecret?: string;
  env?: NodeJS.ProcessEnv;
  /** Where every component's JSON log lines go; stdout by default. */
  logDestination?: DestinationStream;
}

export interface Stack {
  url: string;
  publicUrl: string;
  subgraphUrls: Record<string, string>;
  database: Database;
  /** What every subgraph was given: public URL, environment, subgraph URLs. */
  settings: HubSettings;
  close(): Promise<void>;
}

/**
 * The whole graph in one process: migrate, seed the story, every subgraph, then the router. One process
 * because the embedded database (PGlite) is a single in-process session; on Postgres the same stack runs
 * as separate processes too (each subgraph's and the router's main.ts).
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const logLevel = options.logLevel ?? 'info';
  const secret = options.signingSecret ?? DEV_ROUTER_SECRET;
  const database = createDatabase({ url: options.databaseUrl, pgliteDir: options.pgliteDir });
  const subgraphServers: SubgraphServer[] = [];
  let server: Server | undefined;
  try {
    await migrate(database);
    await seedStory(database.db);

    // The router's port must be known before the subgraphs start: it is part of the public URL they use.
    const host = options.host ?? '127.0.0.1';
    // Until the router is built, every request is told to come back (a probe must never hang on a half-started stack).
    let handle: RequestListener | undefined;
    server = createServer((req, res) => {
      if (handle) return handle(req, res);
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"status":"starting"}');
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(options.port, host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const publicUrl = options.publicUrl ?? `http://localhost:${port}`;
    const env = { ...process.env, ...(options.env ?? {}) };
    const subgraphUrls: Record<string, string> = {};
    const settings: HubSettings = { publicUrl, production: env.NODE_ENV === 'production', env, signingSecret: secret, subgraphUrl: (name: string) => subgraphUrls[name] };

    for (const { name, defaultPort } of SUBGRAPHS) {
      const module = SUBGRAPH_MODULES[name];
      const sub = await createSubgraphServer({
        name,
        schema: await module.buildSchema(),
        db: database.db,
        createLoaders: module.createLoaders,
        signingSecret: secret,
        log: createLogger(name, logLevel, options.logDestination),
        settings,
      });
      subgraphServers.push(sub);
      subgraphUrls[name] = await sub.listen(options.port === 0 ? 0 : defaultPort);
    }

    const config = parseRouterEnv({
      ...(options.env ?? {}),
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      LOG_LEVEL: logLevel,
      ROUTER_SIGNING_SECRET: secret,
    });
    const router = await createRouter({ config: { ...config, subgraphUrls }, logDestination: options.logDestination });
    handle = router;

    return {
      url: `http://${host}:${port}/graphql`,
      publicUrl,
      subgraphUrls,
      database,
      settings,
      async close() {
        server!.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
        await router.dispose();
        await Promise.all(subgraphServers.map((s) => s.close()));
        await database.close();
      },
    };
  } catch (err) {
    server?.close();
    await Promise.allSettled(subgraphServers.map((s) => s.close()));
    await database.close();
    throw err;
  }
}
