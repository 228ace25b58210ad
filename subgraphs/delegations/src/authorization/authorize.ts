import type { PartyRef } from '@hub/db';
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
 * checked (BAD_USER_INPUT naming `requests[i].field`), and the whole batch costs at most four statements whatever its
 * size: the URNs in one (per-request DataLoaders issued in one tick; ids and register numbers are one statement each),
 * then the decision's facts, which bring the catalogue's version; resources and actions are checked against the
 * catalogue the decisions were made with (in memory unless it changed), and nothing is answered unless all pass. A
 * request about another subject than the viewer must be about a resource the viewer's organisation owns (FORBIDDEN
 * naming the request otherwise).
 */
export async function authorizeBatch(requests: readonly AuthorizationRequestInput[], ctx: SubgraphContext<Loaders>): Promise<Decision[]> {
  if (requests.length > MAX_AUTHORIZATION_REQUESTS) {
    throw badInput('requests', `at most ${MAX_AUTHORIZATION_REQUESTS} requests per call, not ${requests.length}`);
  }
  // A batch names few parties many times: each distinct URN is parsed once (a malformed one still names its first use).
  const parsed = new Map<string, PartyRef>();
  const parse = (urn: string, field: string) => {
    let ref = parsed.get(urn);
    if (!ref) parsed.set(urn, (ref = parseUrnArg(urn, field)));
    return ref;
  };
  const refs = requests.map((r, i) => ({
    subject: parse(r.subject, `requests[${i}].subject`),
    party: parse(r.party, `requests[${i}].party`),
  }));
  const { parties } = ctx.loaders;
  const [subjects, targets] = await Promise.all([
    Promise.all(refs.map((r) => loadPartyByRef(r.subject, parties))),
    Promise.all(refs.map((r) => loadPartyByRef(r.party, parties))),
  ]);
  const parentOf = new Map<string, string | null>();
  for (const t of targets) if (t) parentOf.set(t.id, t.parentId);
  const { decisions, catalogue } = await accessOf(ctx).decideBatch(
    requests.map((r, i) => ({
      subjectId: subjects[i]?.id ?? NO_PARTY,
      partyId: targets[i]?.id ?? NO_PARTY,
      resourceId: r.resource,
      action: r.action,
      instance: r.instance ?? null,
    })),
    { parentOf },
  );
  requests.forEach((r, i) => {
    if (r.instance != null && (r.instance.length === 0 || r.instance.length > 200))
      throw badInput(`requests[${i}].instance`, 'must be 1–200 characters');
    const resource = catalogue.resources.get(r.resource);
    if (!resource) throw badInput(`requests[${i}].resource`, `no resource ${r.resource}`);
    if (!resource.actions.includes(r.action)) throw badInput(`requests[${i}].action`, `${resource.id} has no action ${r.action}`);
  });
  const viewerId = requireViewer(ctx).partyId;
  requests.forEach((r, i) => {
    if (subjects[i]?.id !== viewerId) refuseForeignResource(catalogue.resources.get(r.resource)!, viewerId, `requests[${i}].resource`);
  });
  // The kit answers INDETERMINATE for an unknown party; an unknown subject is missing data just the same.
  return decisions.map((d, i) => (subjects[i] ? d : { ...d, decision: 'INDETERMINATE', reasons: [] }));
}
