import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { parties, type Db, type PartyRow } from '@hub/db';
import { manyEach, oneEach } from '@hub/kit';

/** Per-request party loaders: one SQL statement per batch, results in key order, null for misses. */
export function createPartyLoaders(db: Db) {
  return {
    byId: new DataLoader<string, PartyRow | null>(async (ids) =>
      oneEach(ids, await db.select().from(parties).where(inArray(parties.id, [...ids])), (r) => r.id),
    ),
    byNationalIdentityNumber: new DataLoader<string, PartyRow | null>(async (numbers) =>
      oneEach(numbers, await db.select().from(parties).where(inArray(parties.nationalIdentityNumber, [...numbers])), (r) => r.nationalIdentityNumber),
    ),
    byOrganizationNumber: new DataLoader<string, PartyRow | null>(async (numbers) =>
      oneEach(numbers, await db.select().from(parties).where(inArray(parties.organizationNumber, [...numbers])), (r) => r.organizationNumber),
    ),
    subunitsByParentId: new DataLoader<string, PartyRow[]>(async (parentIds) => {
      const rows = await db.select().from(parties).where(inArray(parties.parentId, [...parentIds])).orderBy(parties.name);
      return manyEach(parentIds, rows, (r) => r.parentId!);
    }),
  };
}

export type PartyLoaders = ReturnType<typeof createPartyLoaders>;
