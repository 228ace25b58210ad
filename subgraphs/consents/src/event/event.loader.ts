import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentEvents } from '@hub/db/consents';
import { manyEach } from '@hub/kit';
import { ConsentEventType, type ConsentEventView } from './event.type';

const asView = (e: typeof consentEvents.$inferSelect): ConsentEventView => ({ ...e, type: ConsentEventType[e.type] });

/** Per-request event loaders: one or two statements per batch, results in key order. */
export function createEventLoaders(db: Db) {
  return {
    /** Each request's events, oldest first. */
    byConsentId: new DataLoader<string, ConsentEventView[]>(async (ids) =>
      manyEach(
        ids,
        (
          await db
            .select()
            .from(consentEvents)
            .where(inArray(consentEvents.consentId, [...ids]))
            .orderBy(asc(consentEvents.id))
        ).map(asView),
        (e) => e.consentId,
      ),
    ),
  };
}

export type EventLoaders = ReturnType<typeof createEventLoaders>;
