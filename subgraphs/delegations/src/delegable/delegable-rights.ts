import type { Db } from '@hub/db';
import { administersIn, loadFacts, rolesHeldFor } from '@hub/authz';
import { judgeDelegation, type DelegationAsk } from '../delegation/delegation-rights';

/** A package as the judge needs it. */
export interface PackageFacts {
  urn: string;
  delegable: boolean;
  clientPackage: boolean;
  powerOfAttorney?: boolean;
}

export interface DelegableRightsResult {
  /** Delegable resources, by id, each with the actions the viewer may give (in the resource's order). */
  resources: { id: string; actions: string[] }[];
  /** Package urns, sorted. */
  packages: string[];
}

/**
 * What `viewerId` may give others on behalf of `partyId` now: every delegable resource's actions the viewer may
 * perform for the party, and every delegable package the viewer's own roles grant for it. Judged one by one by
 * `judgeDelegation`, the rule `delegate` itself applies, so the list offers exactly what `delegate` accepts.
 * Client packages, which only a firm's administrator may pass on to the firm's own people, depend on the recipient
 * and are not listed. Empty unless the viewer administers the party. One batch of facts and one package lookup.
 */
export async function delegableRights(
  db: Db,
  viewerId: string,
  partyId: string,
  viewerLevel: number,
  loadPackages: (urns: string[]) => Promise<(PackageFacts | null)[]>,
  now = new Date(),
): Promise<DelegableRightsResult> {
  const facts = await loadFacts(db, { subjectIds: [viewerId], partyIds: [partyId] }, now);
  if (!administersIn(facts, viewerId, partyId)) return { resources: [], packages: [] };
  const ask = (what: Partial<DelegationAsk>): DelegationAsk => ({
    fromId: partyId,
    toId: partyId,
    fromLabel: partyId,
    resource: null,
    actions: null,
    package: null,
    viewerLevel,
    ...what,
  });
  const resources = [...facts.resources.values()]
    .filter((r) => r.delegable)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => ({
      id: r.id,
      actions: r.actions.filter((action) => judgeDelegation(facts, viewerId, ask({ resource: r, actions: [action] })).ok),
    }))
    .filter((r) => r.actions.length > 0);
  const granted = [...new Set(rolesHeldFor(facts, viewerId, partyId).flatMap((role) => [...(facts.packagesOfRole.get(role) ?? [])]))].sort();
  const packages = (await loadPackages(granted))
    .filter((p): p is PackageFacts => p !== null && !p.clientPackage && !p.powerOfAttorney)
    .filter((p) => judgeDelegation(facts, viewerId, ask({ package: p })).ok)
    .map((p) => p.urn);
  return { resources, packages };
}
