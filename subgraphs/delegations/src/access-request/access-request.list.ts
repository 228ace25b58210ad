import { and, eq } from 'drizzle-orm';
import { accessRequests } from '@hub/db/delegations';
import { selectPage, timeThenId, type Page, type PageArgs, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { AccessRequestRow } from './access-request.loader';
import type { AccessRequestStatus } from './access-request.type';

type Context = SubgraphContext<Loaders>;

/** Newest first. Both lists' guards (the requester; the party's administrators) see every row of the list. */
const SENT = timeThenId('accessRequestsSent', 'desc', accessRequests.createdAt, accessRequests.id);
const RECEIVED = timeThenId('accessRequestsReceived', 'desc', accessRequests.createdAt, accessRequests.id);

/** Requests a person has made (`sent`) or a party has been asked (`received`), optionally in one status, a page at a time. */
export async function accessRequestsPage(
  side: 'sent' | 'received',
  partyId: string,
  status: AccessRequestStatus | null | undefined,
  args: Partial<PageArgs>,
  ctx: Context,
): Promise<Page<AccessRequestRow>> {
  const page = await selectPage(
    ctx.db,
    accessRequests,
    side === 'sent' ? SENT : RECEIVED,
    args,
    and(eq(side === 'sent' ? accessRequests.requesterId : accessRequests.fromId, partyId), status ? eq(accessRequests.status, status) : undefined),
  );
  for (const row of page.nodes) ctx.loaders.accessRequests.byId.prime(row.id, row);
  return page;
}
