import { and, eq } from 'drizzle-orm';
import { delegations, isActiveDelegation } from '@hub/db/delegations';
import { pageQuery, toPage, type ListOrder, type Page, type PageArgs, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { DelegationRow } from './delegation.loader';

type Context = SubgraphContext<Loaders>;

/** Oldest first. The list's guard (the party and its administrators) sees every row, so only "active" filters. */
const order = (name: string): ListOrder => ({
  name,
  direction: 'asc',
  keys: [
    { column: delegations.createdAt, kind: 'time' },
    { column: delegations.id, kind: 'uuid' },
  ],
});
const RECEIVED = order('delegationsReceived');
const GIVEN = order('delegationsGiven');

/**
 * Active delegations a party has received (`to`) or given (`from`), a page at a time. "Active" is the kit's own
 * notion (unrevoked, unexpired, a client delegation still backed by its firm), so a list never shows a delegation
 * the decision point would ignore.
 */
export async function delegationsPage(side: 'received' | 'given', partyId: string, args: Partial<PageArgs>, ctx: Context): Promise<Page<DelegationRow>> {
  const q = pageQuery(side === 'received' ? RECEIVED : GIVEN, args);
  const rows = await ctx.db
    .select({ row: delegations, cursor: q.cursor })
    .from(delegations)
    .where(and(eq(side === 'received' ? delegations.toId : delegations.fromId, partyId), isActiveDelegation(ctx.db, new Date()), q.where))
    .orderBy(...q.orderBy)
    .limit(q.limit);
  for (const r of rows) ctx.loaders.delegations.byId.prime(r.row.id, r.row);
  return toPage(q, rows, (r) => r.row, args.after);
}
