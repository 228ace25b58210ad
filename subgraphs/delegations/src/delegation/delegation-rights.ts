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
 */

export interface DelegationAsk {
  fromId: string;
  toId: string;
  /** How refusals name `from`. */
  fromLabel: string;
  resource: { id: string; delegable: boolean } | null;
  /** With a resource: the actions asked for. */
  actions: readonly string[] | null;
  package: { urn: string; delegable: boolean; clientPackage: boolean } | null;
}

export type DelegationRight = { ok: true; facilitatorId: string | null } | { ok: false; reason: string };

const grantsPackage = (facts: Facts, role: string, urn: string) => facts.packagesOfRole.get(role)?.has(urn) ?? false;

/**
 * Pure: may `viewerId` delegate `ask`? `firms` are the organisations that hold, for `from`, a role granting the
 * package asked for (the candidates for a client delegation); their facts must be loaded too.
 */
export function judgeDelegation(facts: Facts, viewerId: string, ask: DelegationAsk, firms: readonly string[] = []): DelegationRight {
  const refuse = (reason: string): DelegationRight => ({ ok: false, reason });
  const administers = administersIn(facts, viewerId, ask.fromId);
  const notAdministrator = `You may not delegate for ${ask.fromLabel}: you do not administer it`;

  if (ask.resource) {
    if (!ask.resource.delegable) return refuse(`${ask.resource.id} is not delegable.`);
    if (!administers) return refuse(`${notAdministrator}.`);
    for (const action of ask.actions ?? []) {
      const own = evaluate({ subjectId: viewerId, partyId: ask.fromId, resourceId: ask.resource.id, action }, facts);
      if (own.decision !== 'PERMIT') {
        return refuse(`You may not delegate ${action} on ${ask.resource.id} for ${ask.fromLabel}: you may not do it yourself.`);
      }
    }
    return { ok: true, facilitatorId: null };
  }

  const pkg = ask.package;
  if (!pkg) return refuse('Nothing to delegate.');
  if (!pkg.delegable) return refuse(`${pkg.urn} is not delegable.`);
  if (administers && rolesHeldFor(facts, viewerId, ask.fromId).some((role) => grantsPackage(facts, role, pkg.urn))) {
    return { ok: true, facilitatorId: null };
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
    if (firm) return { ok: true, facilitatorId: firm };
  }
  if (administers) return refuse(`You may not delegate ${pkg.urn} for ${ask.fromLabel}: your roles do not give it to you.`);
  return refuse(
    pkg.clientPackage
      ? `${notAdministrator}, and no organisation you administer holds ${pkg.urn} for it with the recipient among its own people.`
      : `${notAdministrator}.`,
  );
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
