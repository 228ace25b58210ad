import type { Db } from '@hub/db';
import {
  allAccessPackages,
  allPackageRoles,
  allPolicyRules,
  allResources,
  allRoles,
  catalogueVersionNow,
  type ResourceRow,
} from '@hub/db/roles/read';

export interface ResourceFacts {
  id: string;
  ownerId: string;
  actions: string[];
  minimumAuthenticationLevel: number | null;
  delegable: boolean;
  /** A consent resource: a consent may give its actions (`consent`, or acts such as `sign`). */
  consent: boolean;
  /** action → role codes and package urns whose holders may perform it. */
  rules: Map<string, { roles: Set<string>; packages: Set<string> }>;
}

/** The small, rarely changed part of the facts: the same for every decision until the catalogue changes. */
export interface Catalogue {
  /** `roles.catalogue_version` when loaded: a decision that reads a higher one reloads. */
  version: number;
  resources: Map<string, ResourceFacts>;
  /** role code → urn. */
  roleUrn: Map<string, string>;
  /** role code → packages it grants. */
  packagesOfRole: Map<string, Set<string>>;
  packageAdministers: Set<string>;
  /** Person packages a person may give another as a power of attorney (an area: tax, health, NAV, post). */
  powerOfAttorneyPackages: Set<string>;
  /** Every package by urn, with what the delegation check needs to know of it. */
  packages: Map<string, PackageFacts>;
}

export interface PackageFacts {
  urn: string;
  delegable: boolean;
  clientPackage: boolean;
  powerOfAttorney: boolean;
}

/** Per database handle (per process): the catalogue loaded last, or being loaded. */
const cached = new WeakMap<Db, Promise<Catalogue>>();

/**
 * The catalogue as of `version` or later, from memory when it is that fresh. `version` is read in the same statement
 * as a decision's facts (`rolesHeldAtVersion`), so a change committed before the facts were read is always seen: the
 * trigger bumped the version in that change's transaction. A reload reads the tables after `version` was read, so
 * what it gets is at least that fresh; labelling it `version` can only cause one needless reload later.
 */
export async function catalogueAt(db: Db, version: number): Promise<Catalogue> {
  const current = cached.get(db);
  if (current) {
    const catalogue = await current.catch(() => null);
    if (catalogue && catalogue.version >= version) return catalogue;
    // Another caller started a newer load meanwhile: share it.
    if (cached.get(db) !== current) return catalogueAt(db, version);
  }
  const loading = loadCatalogue(db, version);
  cached.set(db, loading);
  loading.catch(() => cached.get(db) === loading && cached.delete(db));
  return loading;
}

/** The catalogue as of now: one statement when memory is current (the version), five more when it is not. */
export async function currentCatalogue(db: Db): Promise<Catalogue> {
  return catalogueAt(db, await catalogueVersionNow(db));
}

async function loadCatalogue(db: Db, version: number): Promise<Catalogue> {
  const [resourceRows, ruleRows, roleRows, packageRoleRows, packageRows] = await Promise.all([
    allResources(db),
    allPolicyRules(db),
    allRoles(db),
    allPackageRoles(db),
    allAccessPackages(db),
  ]);
  const resources = new Map<string, ResourceFacts>(resourceRows.map((r) => [r.id, resourceFacts(r)]));
  for (const rule of ruleRows) {
    const facts = resources.get(rule.resourceId);
    if (!facts) continue;
    let entry = facts.rules.get(rule.action);
    if (!entry) facts.rules.set(rule.action, (entry = { roles: new Set(), packages: new Set() }));
    (rule.subjectKind === 'ROLE' ? entry.roles : entry.packages).add(rule.subject);
  }
  const packagesOfRole = new Map<string, Set<string>>();
  for (const pr of packageRoleRows) {
    let set = packagesOfRole.get(pr.roleCode);
    if (!set) packagesOfRole.set(pr.roleCode, (set = new Set()));
    set.add(pr.packageUrn);
  }
  return {
    version,
    resources,
    roleUrn: new Map(roleRows.map((r) => [r.code, r.urn])),
    packagesOfRole,
    packageAdministers: new Set(packageRows.filter((p) => p.administers).map((p) => p.urn)),
    powerOfAttorneyPackages: new Set(packageRows.filter((p) => p.powerOfAttorney).map((p) => p.urn)),
    packages: new Map(
      packageRows.map((p) => [p.urn, { urn: p.urn, delegable: p.delegable, clientPackage: p.clientPackage, powerOfAttorney: p.powerOfAttorney }]),
    ),
  };
}

const resourceFacts = (r: ResourceRow): ResourceFacts => ({
  id: r.id,
  ownerId: r.ownerId,
  actions: r.actions,
  minimumAuthenticationLevel: r.minimumAuthenticationLevel,
  delegable: r.delegable,
  consent: r.type === 'CONSENT',
  rules: new Map(),
});
