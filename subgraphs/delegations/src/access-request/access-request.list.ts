import { and, eq } from 'drizzle-orm';
import { accessRequests } from '@hub/db/delegations';
import { pageQuery, toPage, type ListOrder, type Page, type PageArgs, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { AccessRequestRow } from './access-request.loader';
import type { AccessRequestStatus } from './access-request.type';

type Context = SubgraphContext<Loaders>;

/** Newest first. Both lists' guards (the requester; the party's administrators) see every row of the list. */
const order = (name: string): ListOrder => ({
  name,
  direction: 'desc',
  keys: [
    { column: accessRequests.createdAt, kind: 'time' },
    { column: accessRequests.id, kind: 'uuid' },
  ],
});
const SENT = order('accessRequestsSent');
const RECEIVED = order('accessRequestsReceived');

/** Requests a person has made (`sent`) or a party has been asked (`received`), optionally in one status, a page at a time. */
export async function accessRequestsPage(
  side: 'sent' | 'received',
  partyId: string,
  status: AccessRequestStatus | null | undefined,
  args: Partial<PageArgs>,
  ctx: Context,
): Promise<Page<AccessRequestRow>> {
  const q = pageQuery(side === 'sent' ? SENT : RECEIVED, args);
  const rows = await ctx.db
    .select({ row: accessRequests, cursor: q.cursor })
    .from(accessRequests)
    .where(
      and(
        eq(side === 'sent' ? accessRequests.requesterId : accessRequests.fromId, partyId),
        status ? eq(accessRequests.status, status) : undefined,
        q.where,
      ),
    )
    .orderBy(...q.orderBy)
    .limit(q.limit);
  for (const r of rows) ctx.loaders.accessRequests.byId.prime(r.row.id, r.row);
  return toPage(q, rows, (r) => r.row, args.after);
}
