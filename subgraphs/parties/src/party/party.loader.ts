import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { parties, type PartyRow } from '@hub/db/parties';
import { createPartyLoaders as createPartyRowLoaders, manyEach } from '@hub/kit';

/** Per-request party loaders: one SQL statement per batch, results in key order, null for misses. */
export function createPartyLoaders(db: Db) {
  return {
    ...createPartyRowLoaders(db),
    subunitsByParentId: new DataLoader<string, PartyRow[]>(async (parentIds) => {
      const rows = await db
        .select()
        .from(parties)
        .where(inArray(parties.parentId, [...parentIds]))
        .orderBy(parties.name);
      return manyEach(parentIds, rows, (r) => r.parentId!);
    }),
  };
}

export type PartyLoaders = ReturnType<typeof createPartyLoaders>;
