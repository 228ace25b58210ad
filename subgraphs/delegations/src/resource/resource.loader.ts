import DataLoader from 'dataloader';
import type { Db } from '@hub/db';
import { resourcesByIds, type ResourceRow } from '@hub/db/roles/read';
import { oneEach } from '@hub/kit';

export type { ResourceRow };

/** The resource catalogue as far as delegating needs it: does it exist, its actions, is it delegable. */
export function createResourceLoaders(db: Db) {
  return {
    byId: new DataLoader<string, ResourceRow | null>(async (ids) => oneEach(ids, await resourcesByIds(db, ids), (r) => r.id)),
  };
}
