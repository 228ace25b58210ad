import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { oneEach } from '@hub/kit';
import type { Db } from '@hub/db';
import { delegations } from '@hub/db/delegations';

export type DelegationRow = typeof delegations.$inferSelect;

/** Per-request delegation loaders; the party's lists page in delegation.list.ts. */
export function createDelegationLoaders(db: Db) {
  const byId = new DataLoader<string, DelegationRow | null>(async (ids) =>
    oneEach(
      ids,
      await db
        .select()
        .from(delegations)
        .where(inArray(delegations.id, [...ids])),
      (r) => r.id,
    ),
  );
  return { byId };
}
