import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStoryDatabase } from '../story-database';
import type { Database } from '../client';
import { seedSynthetic } from './bulk';

let database: Database;
beforeAll(async () => {
  database = await openStoryDatabase();
}, 30_000);
afterAll(() => database?.close());

/** What the planner believes: the row estimate of the last ANALYZE (or index build), and the real count. */
async function estimateAndCount(table: string): Promise<{ estimate: number; rows: number }> {
  const result = (await database.db.execute(
    sql.raw(`select (select reltuples from pg_class where oid = '${table}'::regclass)::int as estimate, count(*)::int as rows from ${table}`),
  )) as unknown as { rows?: unknown[] } & unknown[];
  // PGlite answers { rows }, postgres.js the rows themselves.
  return (result.rows ?? result)[0] as { estimate: number; rows: number };
}

it('leaves the planner statistics of the tables it bulk-wrote up to date', async () => {
  expect((await estimateAndCount('parties.parties')).estimate).not.toBe((await estimateAndCount('parties.parties')).rows);
  await seedSynthetic(database, { persons: 400, organizations: 100, seed: 3, batchSize: 200 });
  for (const table of ['parties.parties', 'roles.role_assignments']) {
    const { estimate, rows } = await estimateAndCount(table);
    expect(rows).toBeGreaterThan(100);
    expect(estimate).toBe(rows);
  }
}, 30_000);
