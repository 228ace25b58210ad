import { and, asc, eq, inArray } from 'drizzle-orm';
import { delegations, isActiveDelegation } from '@hub/db/delegations';
import { currentCatalogue } from '@hub/authz';
import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { DelegationRow } from '../delegation/delegation.loader';

/** More than anyone gives: a person has a handful of areas. */
export const MAX_POWERS_OF_ATTORNEY = 500;

/**
 * The powers of attorney a person has given (`from`) or received (`to`) that count now, oldest first: active
 * delegations of an area the catalogue marks `powerOfAttorney`. An expired or withdrawn one is gone from the list at
 * once, as from the decision point.
 */
export async function powersOfAttorney(side: 'given' | 'received', partyId: string, ctx: SubgraphContext<Loaders>): Promise<DelegationRow[]> {
  const areas = [...(await currentCatalogue(ctx.db)).powerOfAttorneyPackages];
  if (areas.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(delegations)
    .where(
      and(
        eq(side === 'given' ? delegations.fromId : delegations.toId, partyId),
        inArray(delegations.packageUrn, areas),
        isActiveDelegation(ctx.db, new Date()),
      ),
    )
    .orderBy(asc(delegations.createdAt), asc(delegations.id))
    .limit(MAX_POWERS_OF_ATTORNEY);
  for (const row of rows) ctx.loaders.delegations.byId.prime(row.id, row);
  return rows;
}
