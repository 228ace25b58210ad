import { and, eq } from 'drizzle-orm';
import { delegations, isActiveDelegation } from '@hub/db/delegations';
import { selectPage, timeThenId, type Page, type PageArgs, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { DelegationRow } from './delegation.loader';

type Context = SubgraphContext<Loaders>;

/** Oldest first. The list's guard (the party and its administrators) sees every row, so only "active" filters. */
const RECEIVED = timeThenId('delegationsReceived', 'asc', delegations.createdAt, delegations.id);
const GIVEN = timeThenId('delegationsGiven', 'asc', delegations.createdAt, delegations.id);

/**
 * Active delegations a party has received (`to`) or given (`from`), a page at a time. "Active" is the kit's own
 * notion (unrevoked, unexpired, a client delegation still backed by its firm), so a list never shows a delegation
 * the decision point would ignore.
 */
export async function delegationsPage(
  side: 'received' | 'given',
  partyId: string,
  args: Partial<PageArgs>,
  ctx: Context,
): Promise<Page<DelegationRow>> {
  const page = await selectPage(
    ctx.db,
    delegations,
    side === 'received' ? RECEIVED : GIVEN,
    args,
    and(eq(side === 'received' ? delegations.toId : delegations.fromId, partyId), isActiveDelegation(ctx.db, new Date())),
  );
  for (const row of page.nodes) ctx.loaders.delegations.byId.prime(row.id, row);
  return page;
}
