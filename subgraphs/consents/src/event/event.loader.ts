import DataLoader from 'dataloader';
import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentEvents, consentRequests } from '@hub/db/consents';
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
        (await db.select().from(consentEvents).where(inArray(consentEvents.consentId, [...ids])).orderBy(asc(consentEvents.id))).map(asView),
        (e) => e.consentId,
      ),
    ),
    /**
     * Each party's consent log, newest first: every event on requests to it, and an EXPIRED entry (at validTo) for
     * each accepted consent that ran out. Expiry is computed, never stored, so the log computes it too.
     */
    logByFromId: new DataLoader<string, ConsentEventView[]>(async (fromIds) => {
      const keys = [...fromIds];
      const now = new Date();
      const [stored, expired] = await Promise.all([
        db
          .select({ event: consentEvents, fromId: consentRequests.fromId })
          .from(consentEvents)
          .innerJoin(consentRequests, eq(consentRequests.id, consentEvents.consentId))
          .where(inArray(consentRequests.fromId, keys))
          .orderBy(desc(consentEvents.id)),
        db
          .select({ id: consentRequests.id, fromId: consentRequests.fromId, validTo: consentRequests.validTo })
          .from(consentRequests)
          .where(and(inArray(consentRequests.fromId, keys), eq(consentRequests.status, 'ACCEPTED'), lte(consentRequests.validTo, now))),
      ]);
      const entries = [
        ...stored.map((r) => ({ fromId: r.fromId, view: asView(r.event) })),
        ...expired.map((r) => ({
          fromId: r.fromId,
          view: { id: null, consentId: r.id, type: ConsentEventType.EXPIRED, at: r.validTo, performedById: null },
        })),
      ];
      // Newest first; a computed entry sorts after stored events of the same instant.
      entries.sort((a, b) => b.view.at.getTime() - a.view.at.getTime() || (b.view.id ?? 0) - (a.view.id ?? 0));
      return manyEach(fromIds, entries, (e) => e.fromId).map((list) => list.map((e) => e.view));
    }),
  };
}

export type EventLoaders = ReturnType<typeof createEventLoaders>;
