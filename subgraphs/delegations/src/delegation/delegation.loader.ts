import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { activeDelegations, loadPackagesOfRole, oneEach } from '@hub/kit';
import type { Db } from '@hub/db';
import { delegations } from '@hub/db/delegations';

export type DelegationRow = typeof delegations.$inferSelect;

/**
 * Per-request delegation loaders. "Active" is the kit's own notion (unrevoked, unexpired, a client delegation
 * still backed by its firm), so an overview never shows a delegation the decision point would ignore.
 */
export function createDelegationLoaders(db: Db) {
  const byId = new DataLoader<string, DelegationRow | null>(async (ids) =>
    oneEach(ids, await db.select().from(delegations).where(inArray(delegations.id, [...ids])), (r) => r.id),
  );
  let packagesOfRole: ReturnType<typeof loadPackagesOfRole> | undefined;
  const active = (column: typeof delegations.toId | typeof delegations.fromId, key: 'toId' | 'fromId') =>
    new DataLoader<string, DelegationRow[]>(async (partyIds) => {
      const facts = await activeDelegations(db, inArray(column, [...partyIds]), new Date(), await (packagesOfRole ??= loadPackagesOfRole(db)));
      const rows = (await byId.loadMany(facts.map((d) => d.id))) as DelegationRow[];
      rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      return partyIds.map((id) => rows.filter((r) => r[key] === id));
    });
  return {
    byId,
    /** Active delegations each party has received, oldest first. */
    activeReceived: active(delegations.toId, 'toId'),
    /** Active delegations each party has given, oldest first. */
    activeGiven: active(delegations.fromId, 'fromId'),
  };
}
