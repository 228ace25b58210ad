import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { accessRequests } from '@hub/db/delegations';
import { oneEach } from '@hub/kit';

export type AccessRequestRow = typeof accessRequests.$inferSelect;

export function createAccessRequestLoaders(db: Db) {
  return {
    byId: new DataLoader<string, AccessRequestRow | null>(async (ids) =>
      oneEach(
        ids,
        await db
          .select()
          .from(accessRequests)
          .where(inArray(accessRequests.id, [...ids])),
        (r) => r.id,
      ),
    ),
  };
}
