import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Logger as DrizzleLogger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Schema = typeof schema;
/** The database handle every subgraph uses, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseOptions {
  /** A postgres:// URL; absent: the embedded database. */
  url?: string;
  /** Directory of the embedded database; `memory://` keeps it in memory. */
  pgliteDir?: string;
  poolSize?: number;
}

/** A database and what it takes to observe and close it. */
export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Number of SQL statements sent so far: lets tests show that batching holds. */
  statementCount(): number;
  close(): Promise<void>;
}

export function createDatabase(options: DatabaseOptions): Database {
  let statements = 0;
  const logger: DrizzleLogger = { logQuery: () => void statements++ };
  const common = { schema, casing: 'snake_case' as const, logger };
  if (options.url) {
    const sql = postgres(options.url, { max: options.poolSize ?? 10, onnotice: () => {} });
    return {
      db: drizzlePostgres(sql, common) as unknown as Db,
      kind: 'postgres',
      statementCount: () => statements,
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const dir = options.pgliteDir ?? '.data/pglite';
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  return {
    db: drizzlePglite(client, common) as unknown as Db,
    kind: 'pglite',
    statementCount: () => statements,
    close: () => client.close(),
  };
}
