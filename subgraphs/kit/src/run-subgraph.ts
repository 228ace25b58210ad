import type { GraphQLSchema } from 'graphql';
import { createDatabase, parseDbEnv } from '@hub/db';
import { hubSettingsFromEnv, parseSubgraphEnv } from './config';
import type { LoadersFactory } from './context';
import { createLogger } from './logger';
import { createSubgraphServer } from './serve-subgraph';
import { SUBGRAPHS, type SubgraphName } from './subgraphs';

/**
 * Starts one subgraph as its own process (a real deployment). Migrations are a separate step
 * (`npm run migrate`), so that N replicas starting at once never race on them.
 */
export async function runSubgraph<Loaders>(args: {
  name: SubgraphName;
  buildSchema: () => Promise<GraphQLSchema>;
  createLoaders: LoadersFactory<Loaders>;
}): Promise<void> {
  const env = parseSubgraphEnv();
  const dbEnv = parseDbEnv();
  const log = createLogger(args.name, env.LOG_LEVEL);
  const database = createDatabase({ url: dbEnv.DATABASE_URL, pgliteDir: dbEnv.PGLITE_DIR, poolSize: dbEnv.DB_POOL_SIZE });
  const server = await createSubgraphServer({
    name: args.name,
    schema: await args.buildSchema(),
    db: database.db,
    createLoaders: args.createLoaders,
    signingSecret: env.ROUTER_SIGNING_SECRET,
    log,
    settings: hubSettingsFromEnv(env),
  });
  const port = env.PORT ?? SUBGRAPHS.find((s) => s.name === args.name)!.defaultPort;
  const url = await server.listen(port, env.HOST);
  log.info({ url, database: database.kind }, `${args.name} subgraph listening`);
  const stop = async () => {
    await server.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** What a subgraph package exports for the in-process stack, composition and tests. */
export interface SubgraphModule<Loaders = unknown> {
  name: SubgraphName;
  buildSchema: () => Promise<GraphQLSchema>;
  createLoaders: LoadersFactory<Loaders>;
}
