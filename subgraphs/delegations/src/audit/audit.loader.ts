import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { auditLog } from '@hub/db/delegations';
import { manyEach } from '@hub/kit';

export type AuditRow = typeof auditLog.$inferSelect;

export function createAuditLoaders(db: Db) {
  return {
    /** Every entry about a party, oldest first. */
    byPartyId: new DataLoader<string, AuditRow[]>(async (ids) =>
      manyEach(ids, await db.select().from(auditLog).where(inArray(auditLog.partyId, [...ids])).orderBy(asc(auditLog.id)), (r) => r.partyId),
    ),
  };
}
