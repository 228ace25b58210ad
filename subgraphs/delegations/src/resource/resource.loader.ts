import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { resources } from '@hub/db/roles';
import { oneEach } from '@hub/kit';

export type ResourceRow = typeof resources.$inferSelect;

/** The resource catalogue as far as delegating needs it: does it exist, its actions, is it delegable. */
export function createResourceLoaders(db: Db) {
  return {
    byId: new DataLoader<string, ResourceRow | null>(async (ids) =>
      oneEach(ids, await db.select().from(resources).where(inArray(resources.id, [...ids])), (r) => r.id),
    ),
  };
}
