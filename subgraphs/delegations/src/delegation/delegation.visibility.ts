import type { SubgraphContext } from '@hub/kit';
import type { DelegationRow } from './delegation.loader';

/**
 * Who may see a delegation: its parties, its creator, the facilitating firm, and whoever may act for any of
 * them. The type's shield rule and the mutations (NOT_FOUND for what one may not see) share this.
 */
export async function maySeeDelegation(d: DelegationRow, ctx: SubgraphContext): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  const parties = [d.fromId, d.toId, ...(d.facilitatorId ? [d.facilitatorId] : [])];
  if (viewer.partyId === d.createdById || parties.includes(viewer.partyId)) return true;
  for (const id of parties) if (await ctx.access.mayActFor(id)) return true;
  return false;
}
