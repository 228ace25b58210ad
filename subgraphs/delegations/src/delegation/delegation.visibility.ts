import type { SubgraphContext } from '@hub/kit';
import type { DelegationRow } from './delegation.loader';
import { accessOf } from '@hub/authz';

/**
 * Who may see a delegation: its parties, its creator, the facilitating firm, and the administrators of any of
 * them. Someone who merely received a delegation from a party does not see the party's other delegations. The
 * type's shield rule and the mutations (NOT_FOUND for what one may not see) share this.
 */
export async function maySeeDelegation(d: DelegationRow, ctx: SubgraphContext): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  const parties = [d.fromId, d.toId, ...(d.facilitatorId ? [d.facilitatorId] : [])];
  if (viewer.partyId === d.createdById || parties.includes(viewer.partyId)) return true;
  const administers = await Promise.all(parties.map((id) => accessOf(ctx).administers(id)));
  return administers.some(Boolean);
}
