import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { clients } from '@hub/db/consents';
import { oneEach } from '@hub/kit';

export type ClientRow = typeof clients.$inferSelect;

/** Per-request reads of the registered clients (systems that ask for consent), by `client_id`. */
export function createClientLoaders(db: Db) {
  return {
    byId: new DataLoader<string, ClientRow | null>(async (ids) =>
      oneEach(
        ids,
        await db
          .select()
          .from(clients)
          .where(inArray(clients.id, [...ids])),
        (r) => r.id,
      ),
    ),
  };
}

export type ClientLoaders = ReturnType<typeof createClientLoaders>;
