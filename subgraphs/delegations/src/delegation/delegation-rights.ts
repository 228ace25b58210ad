import type { Db } from '@hub/db';
import { holdersOfPackageFor } from '@hub/db/roles/read';
import { administeredBy, administersIn, evaluate, loadFacts, rolesHeldFor, type Facts } from '@hub/authz';

/**
 * Who may delegate what, and who may take it back: the one place that answers it, built on the kit's decision
 * facts and its `evaluate` (no second copy of the decision logic).
 *
 * - An administrator of a party is the party itself, or whoever holds for it (or its main unit) a role that
 *   grants an administering package (DAGL, LEDE, INNH → hovedadministrator) or the access-manager role ADMAI.
 * - An administrator delegates only what they may themselves delegate: a resource's actions they are
 *   permitted for the party, or a package their own roles grant them for it.
 * - Client delegation: the administrator of a firm that holds a client package for a client (REGN, REVI) may pass
 *   that package on to the firm's own people; the firm becomes the delegation's facilitator.
 * - Power of attorney: a person gives another person one of the person's areas (a package flagged `powerOfAttorney`).
 * - Nobody passes on a right whose resource needs a higher authentication level than they logged in with.
 * Every refusal carries a stable code (`DelegationRefusal`), the one `delegationCheck` shows.
 */

export interface DelegationAsk {
  fromId: string;
  toId: string;
  /** How refusals name `from`. */
  fromLabel: string;
  /** Whether `from` and `to` are persons: a power of attorney goes from a person to a person. Absent: not persons. */
  fromIsPerson?: boolean;
  toIsPerson?: boolean;
  resource: { id: string; delegable: boolean } | null;
  /** With a resource: the actions asked for. */
  actions: readonly string[] | null;
  package: { urn: string; delegable: boolean; clientPackage: boolean; powerOfAttorney?: boolean } | null;
  /** The viewer's authentication level (from the token's `acr`): a right whose resource needs more is not passed on. */
  viewerLevel: number;
}

/**
 * Why a right may not be delegated, as stable codes (`delegationCheck` lists them; a refused `delegate` carries the
 * same in `extensions.reason`):
 * - NOT_DELEGABLE: nobody may delegate it (the catalogue says so), or not this way (a power-of-attorney area for an
 *   organisation);
 * - NEEDS_ACCESS_MANAGER: the viewer does not administer the party (no main-administrator package, not access manager);
 * - NOT_HELD: the viewer administers the party but may not use the right itself (or, for a power of attorney, is not
 *   the person);
 * - AUTHENTICATION_LEVEL_TOO_LOW: the viewer logged in below the resource's minimum authentication level;
 * - RECIPIENT_NOT_A_PERSON: a power of attorney goes to a person only.
 */
export const DELEGATION_REFUSALS = [
  'NOT_DELEGABLE',
  'NEEDS_ACCESS_MANAGER',
  'NOT_HELD',
  'AUTHENTICATION_LEVEL_TOO_LOW',
  'RECIPIENT_NOT_A_PERSON',
] as const;
export type DelegationRefusal = (typeof DELEGATION_REFUSALS)[number];

export type DelegationRight = { ok: true; facilitatorId: string | null } | { ok: false; code: DelegationRefusal; reason: string };

const grantsPackage = (facts: Facts, role: string, urn: string) => facts.packagesOfRole.get(role)?.has(urn) ?? false;

/** The highest minimum authentication level among the resources a package grants (0: none asks for one). */
export function packageLevel(facts: Facts, urn: string): number {
  let level = 0;
  for (const r of facts.resources.values()) {
    if ([...r.rules.values()].some((rule) => rule.packages.has(urn))) level = Math.max(level, r.minimumAuthenticationLevel ?? 0);
  }
  return level;
}

/**
 * Pure: may `viewerId` delegate `ask`? `firms` are the organisations that hold, for `from`, a role granting the
 * package asked for (the candidates for a client delegation); their facts must be loaded too.
 */
export function judgeDelegation(facts: Facts, viewerId: string, ask: DelegationAsk, firms: readonly string[] = []): DelegationRight {
  const refuse = (code: DelegationRefusal, reason: string): DelegationRight => ({ ok: false, code, reason });
  const administers = administersIn(facts, viewerId, ask.fromId);
  const notAdministrator = `You may not delegate for ${ask.fromLabel}: you do not administer it`;
  const levelTooLow = (needed: number, what: string) =>
    needed > ask.viewerLevel
      ? refuse(
          'AUTHENTICATION_LEVEL_TOO_LOW',
          `You may not delegate ${what}: it needs authentication level ${needed}, and you logged in at level ${ask.viewerLevel}.`,
        )
      : null;

  if (ask.resource) {
    if (!ask.resource.delegable) return refuse('NOT_DELEGABLE', `${ask.resource.id} is not delegable.`);
    if (!administers) return refuse('NEEDS_ACCESS_MANAGER', `${notAdministrator}.`);
    for (const action of ask.actions ?? []) {
      const own = evaluate({ subjectId: viewerId, partyId: ask.fromId, resourceId: ask.resource.id, action }, facts);
      if (own.decision !== 'PERMIT') {
        return refuse('NOT_HELD', `You may not delegate ${action} on ${ask.resource.id} for ${ask.fromLabel}: you may not do it yourself.`);
      }
    }
    return levelTooLow(facts.resources.get(ask.resource.id)?.minimumAuthenticationLevel ?? 0, ask.resource.id) ?? { ok: true, facilitatorId: null };
  }

  const pkg = ask.package;
  if (!pkg) return refuse('NOT_DELEGABLE', 'Nothing to delegate.');
  if (pkg.powerOfAttorney) return judgePowerOfAttorney(facts, viewerId, ask, pkg.urn, refuse, levelTooLow);
  if (!pkg.delegable) return refuse('NOT_DELEGABLE', `${pkg.urn} is not delegable.`);
  if (administers && rolesHeldFor(facts, viewerId, ask.fromId).some((role) => grantsPackage(facts, role, pkg.urn))) {
    return levelTooLow(packageLevel(facts, pkg.urn), pkg.urn) ?? { ok: true, facilitatorId: null };
  }
  if (pkg.clientPackage) {
    // The kit counts a client delegation only while the firm holds the granting role for `from` itself, so a
    // firm's role for a main unit does not make it a facilitator for the subunit.
    const firm = firms.find(
      (f) =>
        rolesHeldFor(facts, f, ask.fromId, false).some((role) => grantsPackage(facts, role, pkg.urn)) &&
        administersIn(facts, viewerId, f) &&
        rolesHeldFor(facts, ask.toId, f, false).length > 0,
    );
    if (firm) return levelTooLow(packageLevel(facts, pkg.urn), pkg.urn) ?? { ok: true, facilitatorId: firm };
  }
  if (administers) return refuse('NOT_HELD', `You may not delegate ${pkg.urn} for ${ask.fromLabel}: your roles do not give it to you.`);
  return refuse(
    'NEEDS_ACCESS_MANAGER',
    pkg.clientPackage
      ? `${notAdministrator}, and no organisation you administer holds ${pkg.urn} for it with the recipient among its own people.`
      : `${notAdministrator}.`,
  );
}

/** A power of attorney: a person gives another person one of the person's areas, themselves only. */
function judgePowerOfAttorney(
  facts: Facts,
  viewerId: string,
  ask: DelegationAsk,
  urn: string,
  refuse: (code: DelegationRefusal, reason: string) => DelegationRight,
  levelTooLow: (needed: number, what: string) => DelegationRight | null,
): DelegationRight {
  if (!ask.fromIsPerson) return refuse('NOT_DELEGABLE', `${urn} is a person’s area: only a person gives it, as a power of attorney.`);
  if (viewerId !== ask.fromId) return refuse('NOT_HELD', `Only ${ask.fromLabel} may give a power of attorney for ${urn}.`);
  if (!ask.toIsPerson) return refuse('RECIPIENT_NOT_A_PERSON', `A power of attorney for ${urn} goes to a person, not an organisation.`);
  return levelTooLow(packageLevel(facts, urn), urn) ?? { ok: true, facilitatorId: null };
}

/** May `viewerId` delegate `ask` now? A fixed number of statements. */
export async function delegationRight(db: Db, viewerId: string, ask: DelegationAsk, now = new Date()): Promise<DelegationRight> {
  const firms = ask.package?.clientPackage ? await holdersOfPackageFor(db, ask.fromId, ask.package.urn) : [];
  const facts = await loadFacts(db, { subjectIds: [viewerId, ask.toId, ...firms], partyIds: [ask.fromId, ...firms] }, now);
  return judgeDelegation(facts, viewerId, ask, firms);
}

/**
 * May `viewerId` revoke this delegation? Its recipient (giving it up), an administrator of `from`, or for a
 * client delegation an administrator of the facilitating firm.
 */
export async function mayRevoke(
  db: Db,
  viewerId: string,
  delegation: { fromId: string; toId: string; facilitatorId: string | null },
  now = new Date(),
): Promise<boolean> {
  if (viewerId === delegation.toId) return true;
  const parties = [delegation.fromId, ...(delegation.facilitatorId ? [delegation.facilitatorId] : [])];
  return (await administeredBy(db, viewerId, parties, now)).some(Boolean);
}
