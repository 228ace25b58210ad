import 'reflect-metadata';
import { createDatabase, migrate, readTemplate, seedStory, type Database } from '@hub/db';
import {
  createLogger,
  createSubgraphServer,
  hubSettingsFromEnv,
  parseSubgraphEnv,
  SUBGRAPHS,
  type DestinationStream,
  type HubSettings,
  type SubgraphServer,
} from '@hub/kit';
import { parseEventsEnv, parseWebhooksEnv, startDispatcher, startRelay, type Dispatcher, type Relay } from '@hub/events';
import { parseRouterEnv, type RouterConfig } from '@hub/router/env';
import pino from 'pino';
import { SUBGRAPH_MODULES } from '@hub/schema/subgraph-modules';
import { routerEnv } from './router-fork';
import { childProcessRouter, inProcessRouter, type RouterHost } from './router-host';

export interface StackOptions {
  /** postgres:// URL; absent: the embedded database. */
  databaseUrl?: string;
  /** Embedded database directory (`memory://` for throwaway). */
  pgliteDir?: string;
  /** Router port; 0 picks a free one. Subgraphs take their default ports, or free ones when `port` is 0. */
  port: number;
  host?: string;
  /** Default: `PUBLIC_URL` of the environment, else `http://localhost:<port>`. */
  publicUrl?: string;
  logLevel?: string;
  /** Default: `ROUTER_SIGNING_SECRET` of the environment, else (outside production) the development secret. */
  signingSecret?: string;
  /** Overrides of `process.env`, read by the router and every subgraph. */
  env?: NodeJS.ProcessEnv;
  /** Where every component's JSON log lines go; stdout by default. The router's, in a process of its own, go to stdout. */
  logDestination?: DestinationStream;
  /**
   * Run the router in a child process of its own, so that it does not share an event loop and a core with the
   * subgraphs and the embedded database (`npm start` does). Default: in this process, as the tests start stacks.
   */
  routerProcess?: boolean;
  /** With `routerProcess`: told when the router process stops without being asked to (the stack is then half down). */
  onRouterExit?: (code: number | null) => void;
  /**
   * With `routerProcess`: the router process, already forked (router-fork.ts `forkRouter` with these options) by a caller that wants
   * it to load while this module's own imports load (npm start). Closed here if the stack fails to start.
   */
  forkedRouter?: Promise<RouterHost>;
}

export interface Stack {
  url: string;
  publicUrl: string;
  subgraphUrls: Record<string, string>;
  /** Where the metrics are served when `METRICS_PORT` is set (the internal port). */
  metricsUrl?: string;
  database: Database;
  /** What every subgraph was given: public URL, environment, subgraph URLs. */
  settings: HubSettings;
  close(): Promise<void>;
}

/**
 * Every setting of the router and of every subgraph, parsed before anything starts: a missing or wrong one
 * (in production: the signing secret, the key-encryption key, an https public URL) stops the stack with a
 * message naming it, instead of surfacing at the first request that needs it.
 */
function parseStackConfig(env: NodeJS.ProcessEnv, port: number): { routerConfig: RouterConfig; settings: HubSettings } {
  const subgraphEnv = parseSubgraphEnv(env);
  const settings = hubSettingsFromEnv(subgraphEnv, env);
  for (const { name } of SUBGRAPHS) SUBGRAPH_MODULES[name].parseSettings?.(settings);
  const routerConfig = parseRouterEnv({ ...env, PORT: String(port) });
  return { routerConfig, settings };
}

/** Every subgraph on the database, in SUBGRAPHS order; each goes into `started` as it starts, its URL into `urls`. */
async function startSubgraphs(run: {
  db: Database['db'];
  settings: HubSettings;
  logLevel: string;
  options: StackOptions;
  started: SubgraphServer[];
  urls: Record<string, string>;
}): Promise<void> {
  for (const { name, defaultPort } of SUBGRAPHS) {
    const module = SUBGRAPH_MODULES[name];
    const sub = await createSubgraphServer({
      name,
      schema: await module.buildSchema(),
      db: run.db,
      createLoaders: module.createLoaders,
      signingSecret: run.settings.signingSecret,
      log: createLogger(name, run.logLevel, run.options.logDestination),
      settings: run.settings,
    });
    run.started.push(sub);
    run.urls[name] = await sub.listen(run.options.port === 0 ? 0 : defaultPort);
  }
}

/**
 * The whole graph: migrate, seed the story, every subgraph, then the router. The subgraphs share this process,
 * because the embedded database (PGlite) is a single in-process session; the router needs no database, so with
 * `routerProcess` it runs in a child process and both cores are used. On Postgres the same stack runs as separate
 * processes too (each subgraph's and the router's main.ts).
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const logLevel = options.logLevel ?? 'info';
  const host = options.host ?? '127.0.0.1';
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, ...(options.env ?? {}), LOG_LEVEL: logLevel };
  const secret = options.signingSecret ?? baseEnv.ROUTER_SIGNING_SECRET;
  if (secret) baseEnv.ROUTER_SIGNING_SECRET = secret;
  const configuredUrl = options.publicUrl ?? baseEnv.PUBLIC_URL;
  // Checked before the database is touched; parsed again below once the router's port (and so the default URL) is known.
  const earlyEnv = routerEnv(options);
  let early: ReturnType<typeof parseStackConfig> & { env: NodeJS.ProcessEnv };
  let events: ReturnType<typeof parseEventsEnv>;
  let webhooks: ReturnType<typeof parseWebhooksEnv>;
  try {
    early = { ...parseStackConfig(earlyEnv, options.port), env: earlyEnv };
    events = parseEventsEnv(baseEnv);
    webhooks = parseWebhooksEnv(baseEnv);
    if (options.routerProcess && options.logDestination) throw new Error('a router in its own process logs to stdout: pass no logDestination');
  } catch (err) {
    await (await options.forkedRouter?.catch(() => undefined))?.close();
    throw err;
  }
  // The router process starts loading while the database is migrated and seeded.
  const routerHost: Promise<RouterHost> = options.routerProcess
    ? (options.forkedRouter ?? childProcessRouter(early.env, options.port, host, options.onRouterExit))
    : inProcessRouter(early.routerConfig.server, options.port, host, options.logDestination);
  // Not awaited yet: a rejection before then must not count as unhandled.
  routerHost.catch(() => {});

  // A new embedded database starts as a copy of the migrated template, when one was built (at install).
  const database = createDatabase({ url: options.databaseUrl, pgliteDir: options.pgliteDir, template: readTemplate });
  const subgraphServers: SubgraphServer[] = [];
  let router: RouterHost | undefined;
  let relay: Relay | undefined;
  let dispatcher: Dispatcher | undefined;
  try {
    await migrate(database);
    await seedStory(database.db);

    // The router's port must be known before the subgraphs start: it is part of the public URL they use.
    router = await routerHost;
    const port = router.port;
    const publicUrl = configuredUrl ?? `http://localhost:${port}`;
    const env: NodeJS.ProcessEnv = { ...baseEnv, PUBLIC_URL: publicUrl };
    const { routerConfig, settings: parsed } = parseStackConfig(env, port);
    const subgraphUrls: Record<string, string> = {};
    const settings: HubSettings = { ...parsed, subgraphUrl: (name: string) => subgraphUrls[name] };
    for (const { name } of SUBGRAPHS) SUBGRAPH_MODULES[name].parseSettings?.(settings);

    await startSubgraphs({ db: database.db, settings, logLevel, options, started: subgraphServers, urls: subgraphUrls });

    const { metricsUrl } = await router.start({ ...routerConfig, subgraphUrls });
    // With NATS_URL the outbox is published to JetStream from here (a broker that is down is retried, never fatal);
    // without it nothing is published and the consent event feed serves alone.
    if (events.NATS_URL) {
      relay = await startRelay({
        database,
        natsUrl: events.NATS_URL,
        stream: events.NATS_STREAM,
        subjectPrefix: events.NATS_SUBJECT_PREFIX,
        source: events.EVENTS_SOURCE,
        log: pino({ name: 'event-relay', level: logLevel }),
      });
      // The webhook dispatcher reads the relay's stream and delivers to the partners' subscriptions (WEBHOOKS=off: not here).
      if (webhooks.enabled) {
        const { enabled: _on, ...settings } = webhooks;
        dispatcher = await startDispatcher({
          ...settings,
          database,
          natsUrl: events.NATS_URL,
          stream: events.NATS_STREAM,
          subjectPrefix: events.NATS_SUBJECT_PREFIX,
          log: pino({ name: 'webhooks', level: logLevel }),
        });
      }
    }

    return {
      url: `http://${host}:${port}/graphql`,
      publicUrl,
      subgraphUrls,
      metricsUrl,
      database,
      settings,
      async close() {
        // Requests in flight finish first: they may still need the subgraphs and the database closed below.
        await router!.close();
        await Promise.all(subgraphServers.map((s) => s.close()));
        await dispatcher?.stop();
        await relay?.stop();
        await database.close();
      },
    };
  } catch (err) {
    await (router ?? (await routerHost.catch(() => undefined)))?.close();
    await Promise.allSettled(subgraphServers.map((s) => s.close()));
    await dispatcher?.stop();
    await relay?.stop();
    await database.close();
    throw err;
  }
}
