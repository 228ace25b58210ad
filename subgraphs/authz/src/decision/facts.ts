import type { SQL } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { acceptedConsentRights } from '@hub/db/consents/read';
import { unrevokedDelegations, type DelegationParties } from '@hub/db/delegations/read';
import { parentsOf } from '@hub/db/parties/read';
import { allAccessPackages, allPackageRoles, allRoles, policyRulesOf, resourcesByIds, rolesHeldBetween } from '@hub/db/roles/read';

export interface ResourceFacts {
  id: string;
  actions: string[];
  minimumAuthenticationLevel: number | null;
  delegable: boolean;
  /** action → role codes and package urns whose holders may perform it. */
  rules: Map<string, { roles: Set<string>; packages: Set<string> }>;
}

export interface DelegationFacts {
  id: string;
  fromId: string;
  toId: string;
  resourceId: string | null;
  packageUrn: string | null;
  actions: string[] | null;
  facilitatorId: string | null;
}

/** Everything the evaluation of a batch needs, loaded with a fixed number of statements whatever its size. */
export interface Facts {
  /** Known parties → their main unit (null for main units and persons). */
  parentOf: Map<string, string | null>;
  resources: Map<string, ResourceFacts>;
  roleUrn: Map<string, string>;
  /** role code → packages it grants. */
  packagesOfRole: Map<string, Set<string>>;
  packageAdministers: Set<string>;
  /** `${toId}|${fromId}` → role codes. */
  rolesHeld: Map<string, Set<string>>;
  /** Active (unrevoked, unexpired, still backed by the facilitator's role) delegations by `${toId}|${fromId}`. */
  delegations: Map<string, DelegationFacts[]>;
  /** Accepted, unexpired consents by `${recipientId}|${fromId}`: consent id and the resources it covers. */
  consents: Map<string, { consentId: string; resourceIds: Set<string> }[]>;
}

export const pairKey = (toId: string, fromId: string) => `${toId}|${fromId}`;

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** Loads the facts for these subjects, parties and resources, as of `now`. */
export async function loadFacts(
  db: Db,
  ask: { subjectIds: Iterable<string>; partyIds: Iterable<string>; resourceIds: Iterable<string> },
  now: Date,
): Promise<Facts> {
  const subjectIds = [...new Set(ask.subjectIds)];
  const askedParties = [...new Set(ask.partyIds)];
  const resourceIds = [...new Set(ask.resourceIds)];

  const [partyRows, resourceRows, ruleRows, roleRows, packagesOfRole, packageRows] = await Promise.all([
    parentsOf(db, askedParties),
    resourcesByIds(db, resourceIds),
    policyRulesOf(db, resourceIds),
    allRoles(db),
    loadPackagesOfRole(db),
    allAccessPackages(db),
  ]);

  const parentOf = new Map(partyRows.map((p) => [p.id, p.parentId]));
  const targets = [...new Set([...parentOf.keys(), ...[...parentOf.values()].filter((v): v is string => !!v)])];

  const resourceMap = new Map<string, ResourceFacts>();
  for (const r of resourceRows) {
    resourceMap.set(r.id, {
      id: r.id,
      actions: r.actions,
      minimumAuthenticationLevel: r.minimumAuthenticationLevel,
      delegable: r.delegable,
      rules: new Map(),
    });
  }
  for (const rule of ruleRows) {
    const facts = resourceMap.get(rule.resourceId)!;
    let entry = facts.rules.get(rule.action);
    if (!entry) facts.rules.set(rule.action, (entry = { roles: new Set(), packages: new Set() }));
    (rule.subjectKind === 'ROLE' ? entry.roles : entry.packages).add(rule.subject);
  }


  const [held, active, consentRows] =
    subjectIds.length && targets.length
      ? await Promise.all([
          rolesHeldBetween(db, subjectIds, targets),
          activeDelegations(db, { toIds: subjectIds, fromIds: targets }, now, packagesOfRole),
          acceptedConsentRights(db, { recipientIds: subjectIds, fromIds: askedParties }, now),
        ])
      : [[], [], []];

  // Both the recipient and the supplier handling it for them may rely on a consent.
  const consents = new Map<string, { consentId: string; resourceIds: Set<string> }[]>();
  for (const c of consentRows) {
    for (const recipient of [c.toId, c.handledById]) {
      if (!recipient) continue;
      const k = pairKey(recipient, c.fromId);
      const list = consents.get(k) ?? [];
      let entry = list.find((e) => e.consentId === c.consentId);
      if (!entry) list.push((entry = { consentId: c.consentId, resourceIds: new Set() }));
      entry.resourceIds.add(c.resourceId);
      consents.set(k, list);
    }
  }

  const rolesHeld = new Map<string, Set<string>>();
  for (const r of held) {
    const k = pairKey(r.toId, r.fromId);
    if (!rolesHeld.has(k)) rolesHeld.set(k, new Set());
    rolesHeld.get(k)!.add(r.roleCode);
  }

  return {
    parentOf,
    resources: resourceMap,
    roleUrn: new Map(roleRows.map((r) => [r.code, r.urn])),
    packagesOfRole,
    packageAdministers: new Set(packageRows.filter((p) => p.administers).map((p) => p.urn)),
    rolesHeld,
    delegations: group(active, (d) => pairKey(d.toId, d.fromId)),
    consents,
  };
}

/** Role code → the packages it grants, from the whole (small) catalogue. */
export async function loadPackagesOfRole(db: Db): Promise<Map<string, Set<string>>> {
  const map = new Map<string, Set<string>>();
  for (const pr of await allPackageRoles(db)) {
    if (!map.has(pr.roleCode)) map.set(pr.roleCode, new Set());
    map.get(pr.roleCode)!.add(pr.packageUrn);
  }
  return map;
}

/**
 * Delegations between these parties (or, for the delegations domain itself, matching a condition on its own table)
 * that count at `now`: not revoked, not past `validTo`, and — for a client delegation — still backed by its
 * facilitator holding a role that grants the package for `from`. Two statements at most.
 */
export async function activeDelegations(
  db: Db,
  where: DelegationParties | SQL,
  now: Date,
  packagesOfRole: Map<string, Set<string>>,
): Promise<DelegationFacts[]> {
  const rows = await unrevokedDelegations(db, where, now);
  const facilitated = rows.filter((d) => d.facilitatorId);
  const backing = await rolesHeldBetween(
    db,
    [...new Set(facilitated.map((d) => d.facilitatorId!))],
    [...new Set(facilitated.map((d) => d.fromId))],
  );
  const backed = (d: (typeof rows)[number]) =>
    !d.facilitatorId ||
    backing.some((r) => r.toId === d.facilitatorId && r.fromId === d.fromId && packagesOfRole.get(r.roleCode)?.has(d.packageUrn ?? ''));
  return rows.filter(backed).map((d) => ({
    id: d.id,
    fromId: d.fromId,
    toId: d.toId,
    resourceId: d.resourceId,
    packageUrn: d.packageUrn,
    actions: d.actions,
    facilitatorId: d.facilitatorId,
  }));
}

