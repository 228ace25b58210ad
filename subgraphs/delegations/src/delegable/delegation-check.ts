import type { Db } from '@hub/db';
import { holdersOfPackageFor } from '@hub/db/roles/read';
import { loadFacts, rolesHeldFor, type CataloguePackage, type Facts } from '@hub/authz';
import { judgeDelegation, type DelegationAsk, type DelegationRefusal } from '../delegation/delegation-rights';

/** Who asks, for whom, to whom. */
export interface DelegationCheckAsk {
  viewerId: string;
  viewerLevel: number;
  from: { id: string; name: string; isPerson: boolean };
  to: { id: string; isPerson: boolean };
}

/** One right (a resource's action, or a package) and whether the viewer may give it to `to` now, and if not why. */
export interface DelegationCheckEntry {
  resourceId: string | null;
  action: string | null;
  packageUrn: string | null;
  delegable: boolean;
  reason: DelegationRefusal | null;
  /** What to change, in words (as a refused `delegate` says it); null when delegable. */
  message: string | null;
}

/**
 * "What may I delegate, for this party, to whom?": every right the question could be about, each judged by
 * `judgeDelegation`, the rule `delegate` applies in its transaction, so an entry's `reason` is the code a `delegate` of
 * it would be refused with. For an organisation: each action of every resource whose policy names a role or package,
 * and every package but the persons' power-of-attorney areas. For a person: the power-of-attorney areas, and the
 * packages the viewer's own roles give for the person (a guardian's, which are not delegable). Resources by id, then
 * packages by urn. One statement per client package (its holders, the candidate firms), then one batch of facts.
 */
export async function delegationCheck(db: Db, ask: DelegationCheckAsk, now = new Date()): Promise<DelegationCheckEntry[]> {
  const firstFacts = await loadFacts(db, { subjectIds: [ask.viewerId], partyIds: [ask.from.id], consents: false }, now);
  const packages = packagesToCheck(firstFacts, ask);
  const clientPackages = packages.filter((p) => p.clientPackage);
  const firmsOf = new Map(await Promise.all(clientPackages.map(async (p) => [p.urn, await holdersOfPackageFor(db, ask.from.id, p.urn)] as const)));
  const firms = [...new Set([...firmsOf.values()].flat())];
  const facts =
    firms.length || ask.to.id !== ask.viewerId
      ? await loadFacts(db, { subjectIds: [ask.viewerId, ask.to.id, ...firms], partyIds: [ask.from.id, ...firms], consents: false }, now)
      : firstFacts;

  const base: DelegationAsk = {
    fromId: ask.from.id,
    toId: ask.to.id,
    fromLabel: ask.from.name,
    fromIsPerson: ask.from.isPerson,
    toIsPerson: ask.to.isPerson,
    resource: null,
    actions: null,
    package: null,
    viewerLevel: ask.viewerLevel,
  };
  const entry = (what: Pick<DelegationCheckEntry, 'resourceId' | 'action' | 'packageUrn'>, judged: ReturnType<typeof judgeDelegation>) => ({
    ...what,
    delegable: judged.ok,
    reason: judged.ok ? null : judged.code,
    message: judged.ok ? null : judged.reason,
  });

  const resources = ask.from.isPerson ? [] : [...facts.resources.values()].filter((r) => r.rules.size > 0).sort((a, b) => a.id.localeCompare(b.id));
  return [
    ...resources.flatMap((r) =>
      r.actions
        .filter((action) => r.rules.has(action))
        .map((action) =>
          entry({ resourceId: r.id, action, packageUrn: null }, judgeDelegation(facts, ask.viewerId, { ...base, resource: r, actions: [action] })),
        ),
    ),
    ...packages.map((p) =>
      entry(
        { resourceId: null, action: null, packageUrn: p.urn },
        judgeDelegation(facts, ask.viewerId, { ...base, package: p }, firmsOf.get(p.urn) ?? []),
      ),
    ),
  ];
}

/** The packages the question is about, by urn (see `delegationCheck`). */
function packagesToCheck(facts: Facts, ask: DelegationCheckAsk): CataloguePackage[] {
  const all = [...facts.catalogue.packages.values()].sort((a, b) => a.urn.localeCompare(b.urn));
  if (!ask.from.isPerson) return all.filter((p) => !p.powerOfAttorney);
  const own = new Set(rolesHeldFor(facts, ask.viewerId, ask.from.id).flatMap((role) => [...(facts.packagesOfRole.get(role) ?? [])]));
  return all.filter((p) => p.powerOfAttorney || own.has(p.urn));
}
