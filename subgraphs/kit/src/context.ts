import type { Db } from '@hub/db';
import type { Logger } from './logger';
import type { Viewer } from './viewer';

/** Settings every subgraph shares with the router, fixed at start-up. */
export interface HubSettings {
  /** The hub's public address: token issuer, links to its pages. */
  publicUrl: string;
  production: boolean;
  /** The environment, for subgraph-specific settings each subgraph parses once. */
  env: NodeJS.ProcessEnv;
  /** Where another subgraph listens, for service-to-service calls (signed like the router's). */
  subgraphUrl(name: string): string | undefined;
  /** The router's signing secret, for those service-to-service calls (`callSubgraph`). */
  signingSecret: string;
}

/**
 * What every resolver receives. `loaders` are made fresh for each request and never shared across viewers. What the
 * viewer may do is not here: `@hub/authz`'s `accessOf(ctx)` derives it from `db` and `viewer`, once per request.
 */
export interface SubgraphContext<Loaders = unknown> {
  db: Db;
  viewer: Viewer | null;
  requestId: string;
  log: Logger;
  loaders: Loaders;
  settings: HubSettings;
}

export type LoadersFactory<Loaders> = (db: Db, viewer: Viewer | null) => Loaders;

export function createContext<Loaders>(args: {
  db: Db;
  viewer: Viewer | null;
  requestId: string;
  log: Logger;
  createLoaders: LoadersFactory<Loaders>;
  settings: HubSettings;
}): SubgraphContext<Loaders> {
  return {
    db: args.db,
    viewer: args.viewer,
    requestId: args.requestId,
    log: args.log,
    loaders: args.createLoaders(args.db, args.viewer),
    settings: args.settings,
  };
}
