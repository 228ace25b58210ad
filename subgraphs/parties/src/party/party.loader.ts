import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { parties, type Db, type PartyRow } from '@hub/db';

function byKey<K extends string>(rows: PartyRow[], keys: readonly K[], key: (row: PartyRow) => string | null) {
  const found = new Map(rows.map((r) => [key(r), r]));
  return keys.map((k) => found.get(k) ?? null);
}

/** Per-request party loaders: one SQL statement per batch, results in key order, null for misses. */
export function createPartyLoaders(db: Db) {
  return {
    byId: new DataLoader<string, PartyRow | null>(async (ids) =>
      byKey(await db.select().from(parties).where(inArray(parties.id, [...ids])), ids, (r) => r.id),
    ),
    byNationalIdentityNumber: new DataLoader<string, PartyRow | null>(async (numbers) =>
      byKey(
        await db.select().from(parties).where(inArray(parties.nationalIdentityNumber, [...numbers])),
        numbers,
        (r) => r.nationalIdentityNumber,
      ),
    ),
    byOrganizationNumber: new DataLoader<string, PartyRow | null>(async (numbers) =>
      byKey(
        await db.select().from(parties).where(inArray(parties.organizationNumber, [...numbers])),
        numbers,
        (r) => r.organizationNumber,
      ),
    ),
    subunitsByParentId: new DataLoader<string, PartyRow[]>(async (parentIds) => {
      const rows = await db.select().from(parties).where(inArray(parties.parentId, [...parentIds])).orderBy(parties.name);
      return parentIds.map((id) => rows.filter((r) => r.parentId === id));
    }),
  };
}

export type PartyLoaders = ReturnType<typeof createPartyLoaders>;
