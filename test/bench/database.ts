import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { partyCounts, type Database } from '@hub/db';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database name of this run's own: two runs on one server never touch each other's. */
export const runDatabaseName = (pid = process.pid, now = Date.now()) => `hub_bench_${pid}_${now}`;

const NAME = /^hub_bench_\d+_\d+$/;

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** host:port/database, without credentials. */
export const describeUrl = (url: string) => {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
};

export async function withAdmin<T>(adminUrl: string, run: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await run(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Creates the run's database; fails (never drops) when one of that name exists. */
export const createRunDatabase = (adminUrl: string, name: string) =>
  withAdmin(adminUrl, async (admin) => {
    if (!NAME.test(name)) throw new Error(`not a benchmark database name: ${name}`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
  });

/** Drops the run's own database (only a name this run made; its connections are closed first). */
export const dropRunDatabase = (adminUrl: string, name: string) =>
  withAdmin(adminUrl, async (admin) => {
    if (!NAME.test(name)) throw new Error(`not a benchmark database name: ${name}`);
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

export async function rowCounts(database: Database) {
  const counts = await partyCounts(database);
  const [version] = (await database.db.execute(sql`show server_version`)) as unknown as { server_version: string }[];
  return { ...counts, parties: counts.persons + counts.organizations, server: version?.server_version ?? '?' };
}
