import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { consentRequests } from '@hub/db/consents';
import { pageQuery, toPage, type ListOrder, type Page, type PageArgs, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { ConsentRow } from './consent.type';
import { visibleConsentsWhere } from './consent.visibility';

type Context = SubgraphContext<Loaders>;

/** Newest answer first. */
const GIVEN: ListOrder = {
  name: 'consentsGiven',
  direction: 'desc',
  keys: [
    { column: consentRequests.answeredAt, kind: 'time' },
    { column: consentRequests.id, kind: 'uuid' },
  ],
};

/** Newest request first. */
const RECEIVED: ListOrder = {
  name: 'consentsReceived',
  direction: 'desc',
  keys: [
    { column: consentRequests.createdAt, kind: 'time' },
    { column: consentRequests.id, kind: 'uuid' },
  ],
};

/** Lists load whole rows; priming byId lets the visibility checks and fields after them reuse them. */
function primed(rows: { row: ConsentRow; cursor: string }[], ctx: Context) {
  for (const r of rows) ctx.loaders.consents.byId.prime(r.row.id, r.row);
  return rows;
}

/** Consents a party has given (accepted at some time: ACCEPTED, USED, REVOKED, or since EXPIRED), as far as the viewer may see them. */
export async function consentsGivenPage(fromId: string, args: Partial<PageArgs>, ctx: Context): Promise<Page<ConsentRow>> {
  const q = pageQuery(GIVEN, args);
  const visible = await visibleConsentsWhere(fromId, ctx);
  const rows = await ctx.db
    .select({ row: consentRequests, cursor: q.cursor })
    .from(consentRequests)
    .where(
      and(
        eq(consentRequests.fromId, fromId),
        isNotNull(consentRequests.answeredAt),
        inArray(consentRequests.status, ['ACCEPTED', 'USED', 'REVOKED']),
        visible,
        q.where,
      ),
    )
    .orderBy(...q.orderBy)
    .limit(q.limit);
  return toPage(q, primed(rows, ctx), (r) => r.row, args.after);
}

/** Requests an organisation has made, or handles for the requester. */
export async function consentsReceivedPage(partyId: string, args: Partial<PageArgs>, ctx: Context): Promise<Page<ConsentRow>> {
  const q = pageQuery(RECEIVED, args);
  const rows = await ctx.db
    .select({ row: consentRequests, cursor: q.cursor })
    .from(consentRequests)
    .where(and(or(eq(consentRequests.toId, partyId), eq(consentRequests.handledById, partyId)), q.where))
    .orderBy(...q.orderBy)
    .limit(q.limit);
  return toPage(q, primed(rows, ctx), (r) => r.row, args.after);
}
