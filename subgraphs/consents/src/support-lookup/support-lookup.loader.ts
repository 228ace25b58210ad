import DataLoader from 'dataloader';
import type { Db } from '@hub/db';
import { supportLookupsByIds, type SupportLookupRow } from '@hub/db/delegations/read';
import { oneEach } from '@hub/kit';

/** Per-request reads of logged support lookups by id (the log is the delegations domain's; its read API serves it). */
export function createSupportLookupLoaders(db: Db) {
  return { byId: new DataLoader<number, SupportLookupRow | null>(async (ids) => oneEach(ids, await supportLookupsByIds(db, ids), (r) => r.id)) };
}
