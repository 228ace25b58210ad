import type { SubgraphContext } from '@hub/kit';
import type { AccessRequestRow } from './access-request.loader';
import { accessOf } from '@hub/authz';

/** The requester, and the administrators of the party asked (who approve it). Shared by the type's rule and the mutations. */
export async function maySeeAccessRequest(r: AccessRequestRow, ctx: SubgraphContext): Promise<boolean> {
  if (!ctx.viewer) return false;
  return ctx.viewer.partyId === r.requesterId || accessOf(ctx).administers(r.fromId);
}
