import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { partyCounts, type Database } from '@hub/db';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DATABASE_NAME = 'hub_bench';


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

async function withAdmin<T>(adminUrl: string, run: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await run(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export const recreateDatabase = (adminUrl: string, name: string) =>
  withAdmin(adminUrl, async (admin) => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
  });

export const dropDatabase = (adminUrl: string, name: string) =>
  withAdmin(adminUrl, (admin) => admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

export async function rowCounts(database: Database) {
  const counts = await partyCounts(database);
  const [version] = (await database.db.execute(sql`show server_version`)) as unknown as { server_version: string }[];
  return { ...counts, parties: counts.persons + counts.organizations, server: version?.server_version ?? '?' };
}

