import { count } from 'drizzle-orm';
import type { Database } from './client';
import { parties, roleAssignments } from './schema/index';

/** How many persons, organisations and role assignments the database holds: for the seed and bench summaries. */
export async function partyCounts(database: Database) {
  const byType = await database.db.select({ type: parties.type, n: count() }).from(parties).groupBy(parties.type);
  const [roles] = await database.db.select({ n: count() }).from(roleAssignments);
  return {
    persons: byType.find((r) => r.type === 'PERSON')?.n ?? 0,
    organizations: byType.find((r) => r.type === 'ORGANIZATION')?.n ?? 0,
    roleAssignments: roles?.n ?? 0,
  };
}
