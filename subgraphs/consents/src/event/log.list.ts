import { and, eq, lte, sql } from 'drizzle-orm';
import { consentEvents, consentRequests } from '@hub/db/consents';
import { pageQuery, toPage, type ListOrder, type Page, type PageArgs, type SubgraphContext } from '@hub/kit';
import { visibleConsentsWhere } from '../consent/consent.visibility';
import type { Loaders } from '../loaders';
import { ConsentEventType, type ConsentEventView } from './event.type';

type Context = SubgraphContext<Loaders>;

/**
 * A party's consent log, newest first: every event on requests to it, and an EXPIRED entry (at validTo) for each
 * accepted consent that ran out. Expiry is computed, never stored, so the log computes it too: one statement over
 * both, so that a page boundary falls the same way whichever kind of entry it meets. A computed entry (seq 0) sorts
 * after stored events of the same instant.
 */
export async function consentLogPage(fromId: string, args: Partial<PageArgs>, ctx: Context): Promise<Page<ConsentEventView>> {
  const visible = await visibleConsentsWhere(fromId, ctx);
  const stored = ctx.db
    .select({
      seq: sql<number>`${consentEvents.id}`.as('seq'),
      consentId: sql<string>`${consentEvents.consentId}`.as('consent_id'),
      type: sql<string>`${consentEvents.type}::text`.as('type'),
      at: sql<Date>`${consentEvents.at}`.as('at'),
      performedById: sql<string | null>`${consentEvents.performedById}`.as('performed_by_id'),
      resourceId: sql<string | null>`${consentEvents.resourceId}`.as('resource_id'),
      deliveredToId: sql<string | null>`${consentEvents.deliveredToId}`.as('delivered_to_id'),
    })
    .from(consentEvents)
    .innerJoin(consentRequests, eq(consentRequests.id, consentEvents.consentId))
    .where(and(eq(consentRequests.fromId, fromId), visible));
  const expired = ctx.db
    .select({
      seq: sql<number>`0::bigint`.as('seq'),
      consentId: sql<string>`${consentRequests.id}`.as('consent_id'),
      type: sql<string>`'EXPIRED'`.as('type'),
      at: sql<Date>`${consentRequests.validTo}`.as('at'),
      performedById: sql<string | null>`null::uuid`.as('performed_by_id'),
      resourceId: sql<string | null>`null::text`.as('resource_id'),
      deliveredToId: sql<string | null>`null::uuid`.as('delivered_to_id'),
    })
    .from(consentRequests)
    .where(and(eq(consentRequests.fromId, fromId), eq(consentRequests.status, 'ACCEPTED'), lte(consentRequests.validTo, new Date()), visible));
  const log = stored.unionAll(expired).as('log');
  const order: ListOrder = {
    name: 'consentLog',
    direction: 'desc',
    keys: [
      { column: log.at, kind: 'time' },
      { column: log.seq, kind: 'int' },
      { column: log.consentId, kind: 'uuid' },
    ],
  };
  const q = pageQuery(order, args);
  const rows = await ctx.db
    .select({
      seq: log.seq,
      consentId: log.consentId,
      type: log.type,
      at: log.at,
      performedById: log.performedById,
      resourceId: log.resourceId,
      deliveredToId: log.deliveredToId,
      cursor: q.cursor,
    })
    .from(log)
    .where(q.where)
    .orderBy(...q.orderBy)
    .limit(q.limit);
  return toPage(
    q,
    rows,
    (r): ConsentEventView => ({
      id: Number(r.seq) || null,
      consentId: r.consentId,
      type: ConsentEventType[r.type as keyof typeof ConsentEventType],
      at: new Date(r.at),
      performedById: r.performedById,
      resourceId: r.resourceId,
      deliveredToId: r.deliveredToId,
    }),
    args.after,
  );
}
