import DataLoader from 'dataloader';
import { desc, inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { accessRequests } from '@hub/db/delegations';
import { manyEach, oneEach } from '@hub/kit';

export type AccessRequestRow = typeof accessRequests.$inferSelect;

export function createAccessRequestLoaders(db: Db) {
  const by = (column: typeof accessRequests.requesterId | typeof accessRequests.fromId, key: 'requesterId' | 'fromId') =>
    new DataLoader<string, AccessRequestRow[]>(async (ids) =>
      manyEach(ids, await db.select().from(accessRequests).where(inArray(column, [...ids])).orderBy(desc(accessRequests.createdAt)), (r) => r[key]),
    );
  return {
    byId: new DataLoader<string, AccessRequestRow | null>(async (ids) =>
      oneEach(ids, await db.select().from(accessRequests).where(inArray(accessRequests.id, [...ids])), (r) => r.id),
    ),
    /** Requests each person has made, newest first. */
    byRequesterId: by(accessRequests.requesterId, 'requesterId'),
    /** Requests each party has been asked, newest first. */
    byFromId: by(accessRequests.fromId, 'fromId'),
  };
}
