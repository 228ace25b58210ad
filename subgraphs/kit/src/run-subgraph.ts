import cluster from 'node:cluster';
import type { GraphQLSchema } from 'graphql';
import { createDatabase, parseDbEnv } from '@hub/db';
import { hubSettingsFromEnv, parseSubgraphEnv } from './config';
import type { HubSettings, LoadersFactory } from './context';
import { closeOnSignals, configOrExit } from './graceful';
import { createLogger } from './logger';
import { createSubgraphServer } from './serve-subgraph';
import { SUBGRAPHS, type SubgraphName } from './subgraphs';

/**
 * Starts one subgraph as its own process (a real deployment). Migrations are a separate step
 * (`npm run migrate`), so that N replicas starting at once never race on them.
 */
export async function runSubgraph<Loaders>(args: SubgraphModule<Loaders>): Promise<void> {
  const { env, dbEnv, settings } = configOrExit(() => {
    const env = parseSubgraphEnv();
    const settings = hubSettingsFromEnv(env);
    args.parseSettings?.(settings);
    const dbEnv = parseDbEnv();
    if (env.SUBGRAPH_PROCESSES > 1 && !dbEnv.DATABASE_URL) {
      throw new Error('SUBGRAPH_PROCESSES above 1 needs DATABASE_URL: the embedded database serves one process.');
    }
    return { env, dbEnv, settings };
  });
  const log = createLogger(args.name, env.LOG_LEVEL);
  if (env.SUBGRAPH_PROCESSES > 1 && cluster.isPrimary) {
    return superviseProcesses(env.SUBGRAPH_PROCESSES, args.name, log);
  }
  const database = createDatabase({ url: dbEnv.DATABASE_URL, pgliteDir: dbEnv.PGLITE_DIR, poolSize: dbEnv.DB_POOL_SIZE });
  const server = await createSubgraphServer({
    name: args.name,
    schema: await args.buildSchema(),
    db: database.db,
    createLoaders: args.createLoaders,
    signingSecret: env.ROUTER_SIGNING_SECRET,
    log,
    settings,
  });
  const port = env.PORT ?? SUBGRAPHS.find((s) => s.name === args.name)!.defaultPort;
  const url = await server.listen(port, env.HOST);
  log.info({ url, database: database.kind }, `${args.name} subgraph listening`);
  // In-flight requests finish, then the database closes; the process exits when both are done.
  closeOnSignals(async () => {
    await server.close();
    await database.close();
  }, log);
}

/**
 * The primary of SUBGRAPH_PROCESSES: forks that many copies of this process, which share the subgraph's port, and
 * passes a stopping signal on to them. One that dies unasked takes the others down (exit 1): an orchestrator restarts
 * the whole, as it would a single process.
 */
function superviseProcesses(count: number, name: string, log: ReturnType<typeof createLogger>): void {
  let stopping = false;
  for (let i = 0; i < count; i++) cluster.fork();
  log.info({ processes: count }, `${name} subgraph: ${count} processes on one port`);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  cluster.on('exit', (worker, code) => {
    if (!stopping) {
      log.error({ pid: worker.process.pid, code }, 'a subgraph process stopped unasked: stopping the others');
      stop('SIGTERM');
      process.exitCode = 1;
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
  });
}

/** What a subgraph package exports for the in-process stack, composition and tests. */
export interface SubgraphModule<Loaders = unknown> {
  name: SubgraphName;
  buildSchema: () => Promise<GraphQLSchema>;
  createLoaders: LoadersFactory<Loaders>;
  /**
   * Parses the subgraph's own settings from the hub settings' environment, throwing a message that names the
   * variable. Called before the subgraph starts, so that a missing key stops the process instead of failing the
   * first request that needs it.
   */
  parseSettings?: (hub: HubSettings) => unknown;
}
