import { badInput, forbidden, loadPartyByRef, parseUrnArg, requireViewer, type SubgraphContext } from '@hub/kit';
import { accessOf, type Decision } from '@hub/authz';
import type { Loaders } from '../loaders';
import type { AuthorizationRequestInput } from './decision.type';

/**
 * Asking about someone else is a service owner's question about its own service (the shield already demanded the
 * scope for it): an agency may not learn who may do what, or who consented to what, in another agency's resources.
 */
export function refuseForeignResource(resource: { id: string; ownerId: string }, viewerId: string, field: string): void {
  if (resource.ownerId === viewerId) return;
  throw forbidden(`${field}: ${resource.id} belongs to another organisation; ask about others only for resources your organisation owns.`, { field });
}

/** The most requests one `authorize` call may carry. */
export const MAX_AUTHORIZATION_REQUESTS = 1_000;

/** Stands in for a party no URN resolved to: the kit finds nothing for it. */
const NO_PARTY = '00000000-0000-0000-0000-000000000000';

/**
 * Validates a batch, resolves its URNs and asks the kit's decision point once. Every URN, resource and action is
 * checked before anything is decided (BAD_USER_INPUT naming `requests[i].field`), and the whole batch costs a fixed
 * number of statements: URNs load through per-request DataLoaders issued in one tick (one statement per URN
 * form), resources likewise, then one `decide`. A request about another subject than the viewer must be about a
 * resource the viewer's organisation owns (FORBIDDEN naming the request otherwise).
 */
export async function authorizeBatch(
  requests: readonly AuthorizationRequestInput[],
  ctx: SubgraphContext<Loaders>,
): Promise<Decision[]> {
  if (requests.length > MAX_AUTHORIZATION_REQUESTS) {
    throw badInput('requests', `at most ${MAX_AUTHORIZATION_REQUESTS} requests per call, not ${requests.length}`);
  }
  const refs = requests.map((r, i) => ({
    subject: parseUrnArg(r.subject, `requests[${i}].subject`),
    party: parseUrnArg(r.party, `requests[${i}].party`),
  }));
  const { parties, resources } = ctx.loaders;
  const [subjects, targets, catalogue] = await Promise.all([
    Promise.all(refs.map((r) => loadPartyByRef(r.subject, parties))),
    Promise.all(refs.map((r) => loadPartyByRef(r.party, parties))),
    Promise.all(requests.map((r) => resources.byId.load(r.resource))),
  ]);
  requests.forEach((r, i) => {
    const resource = catalogue[i];
    if (!resource) throw badInput(`requests[${i}].resource`, `no resource ${r.resource}`);
    if (!resource.actions.includes(r.action)) throw badInput(`requests[${i}].action`, `${resource.id} has no action ${r.action}`);
  });
  const viewerId = requireViewer(ctx).partyId;
  requests.forEach((r, i) => {
    if (subjects[i]?.id !== viewerId) refuseForeignResource(catalogue[i]!, viewerId, `requests[${i}].resource`);
  });
  const decisions = await accessOf(ctx).decide(
    requests.map((r, i) => ({
      subjectId: subjects[i]?.id ?? NO_PARTY,
      partyId: targets[i]?.id ?? NO_PARTY,
      resourceId: r.resource,
      action: r.action,
    })),
  );
  // The kit answers INDETERMINATE for an unknown party; an unknown subject is missing data just the same.
  return decisions.map((d, i) => (subjects[i] ? d : { ...d, decision: 'INDETERMINATE', reasons: [] }));
}
