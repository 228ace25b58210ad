import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Logger as DrizzleLogger, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index';
import { extractTar } from './tar';

export type Schema = typeof schema;
/** The database handle every subgraph uses, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** The rows of a raw statement, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export interface DatabaseOptions {
  /** A postgres:// URL; absent: the embedded database. */
  url?: string;
  /** Directory of the embedded database; `memory://` keeps it in memory. */
  pgliteDir?: string;
  poolSize?: number;
  /**
   * What a new embedded database (`memory://`, or a directory that is missing or empty) starts from instead of
   * running initdb: an uncompressed tarball of a data directory (pglite-template.ts `readTemplate`), asked for only when
   * the database is new; undefined runs initdb. Only for callers that migrate to the latest right after.
   */
  template?: () => Uint8Array<ArrayBuffer> | undefined;
}

/** A database and what it takes to observe and close it. */
export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Number of SQL statements sent so far: lets tests show that batching holds. */
  statementCount(): number;
  close(): Promise<void>;
}

/**
 * How long a connection waits before reconnecting after its server went away (the `attempt`th time in a row).
 * postgres.js grows this to 20 s, and queries given to that connection wait for it: after a restart, requests would
 * hang for many seconds, then fail, though the server is long back. Capped at 1 s, with jitter so that the pool's
 * connections do not all knock at once.
 */
export function reconnectDelaySeconds(attempt: number): number {
  return Math.min(0.05 * 2 ** attempt, 1) * (0.5 + Math.random() / 2);
}

/**
 * The embedded database in `dir`. A new one (in memory, or a directory that is missing or empty) starts from the
 * template when there is one: in memory through PGlite's `loadDataDir`; in a directory unpacked natively (`loadDataDir`
 * would unpack it in JavaScript through PGlite's WebAssembly file system, hundreds of milliseconds slower), into a
 * sibling first and renamed into place whole, so that a failure leaves no half database behind, only a new one that
 * PGlite initialises as without a template.
 */
function openPglite(dir: string, template: DatabaseOptions['template']): PGlite {
  if (dir.startsWith('memory://')) {
    const tar = template?.();
    return new PGlite(dir, tar ? { loadDataDir: new Blob([tar]) } : {});
  }
  const tar = !existsSync(dir) || readdirSync(dir).length === 0 ? template?.() : undefined;
  if (tar) {
    const partial = `${resolve(dir)}.partial-${process.pid}`;
    try {
      extractTar(tar, partial);
      if (existsSync(dir)) rmdirSync(dir);
      renameSync(partial, dir);
    } catch {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  mkdirSync(dir, { recursive: true });
  return new PGlite(dir);
}

export function createDatabase(options: DatabaseOptions): Database {
  let statements = 0;
  const logger: DrizzleLogger = { logQuery: () => void statements++ };
  const common = { schema, casing: 'snake_case' as const, logger };
  if (options.url) {
    const sql = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      // While the server is unreachable a request fails within seconds instead of waiting 30 for a connection.
      connect_timeout: 5,
      backoff: reconnectDelaySeconds,
    });
    return {
      db: drizzlePostgres(sql, common) as unknown as Db,
      kind: 'postgres',
      statementCount: () => statements,
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const client = openPglite(options.pgliteDir ?? '.data/pglite', options.template);
  return {
    db: drizzlePglite(client, common) as unknown as Db,
    kind: 'pglite',
    statementCount: () => statements,
    close: () => client.close(),
  };
}
