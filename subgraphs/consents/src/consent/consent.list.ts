import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { consentRequests } from '@hub/db/consents';
import { selectPage, timeThenId, type Page, type PageArgs, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { ConsentRow } from './consent.type';
import { visibleConsentsWhere } from './consent.visibility';

type Context = SubgraphContext<Loaders>;

/** Newest answer first. */
const GIVEN = timeThenId('consentsGiven', 'desc', consentRequests.answeredAt, consentRequests.id);

/** Newest request first. */
const RECEIVED = timeThenId('consentsReceived', 'desc', consentRequests.createdAt, consentRequests.id);

/** Lists load whole rows; priming byId lets the visibility checks and fields after them reuse them. */
function primed(page: Page<ConsentRow>, ctx: Context): Page<ConsentRow> {
  for (const row of page.nodes) ctx.loaders.consents.byId.prime(row.id, row);
  return page;
}

/** Consents a party has given (accepted at some time: ACCEPTED, USED, REVOKED, or since EXPIRED), as far as the viewer may see them. */
export async function consentsGivenPage(fromId: string, args: Partial<PageArgs>, ctx: Context): Promise<Page<ConsentRow>> {
  const visible = await visibleConsentsWhere(fromId, ctx);
  const where = and(
    eq(consentRequests.fromId, fromId),
    isNotNull(consentRequests.answeredAt),
    inArray(consentRequests.status, ['ACCEPTED', 'USED', 'REVOKED']),
    visible,
  );
  return primed(await selectPage(ctx.db, consentRequests, GIVEN, args, where), ctx);
}

/** Requests an organisation has made, or handles for the requester. */
export async function consentsReceivedPage(partyId: string, args: Partial<PageArgs>, ctx: Context): Promise<Page<ConsentRow>> {
  const where = or(eq(consentRequests.toId, partyId), eq(consentRequests.handledById, partyId));
  return primed(await selectPage(ctx.db, consentRequests, RECEIVED, args, where), ctx);
}
