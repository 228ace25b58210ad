import type { GraphQLSchema } from 'graphql';
import { createDatabase, parseDbEnv } from '@hub/db';
import { hubSettingsFromEnv, parseSubgraphEnv } from './config';
import type { HubSettings, LoadersFactory } from './context';
import { closeOnSignals } from './graceful';
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
    return { env, dbEnv: parseDbEnv(), settings };
  });
  const log = createLogger(args.name, env.LOG_LEVEL);
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
 * Reads the configuration, or stops the process with the message that names what is wrong (and no stack
 * trace: it is an operator's mistake, not a bug).
 */
export function configOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
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
