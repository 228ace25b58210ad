/**
 * The roles domain's read API for the other domains: the catalogue (resources, their policy rules, roles, access
 * packages, consent templates) and who holds which role for whom, as plain rows. One statement per call, for arrays of
 * keys (never one call per id). Pass a transaction handle to read inside it.
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { anyOf, anyOfPlaceholder, prepared } from '../any-of';
import type { Db } from '../client';
import { accessPackages, catalogueVersion, consentTemplates, packageRoles, policyRules, resources, roleAssignments, roles } from '../schema/roles';

export type ResourceRow = typeof resources.$inferSelect;
export type PolicyRuleRow = typeof policyRules.$inferSelect;
export type AccessPackageRow = typeof accessPackages.$inferSelect;
export type ConsentTemplateRow = typeof consentTemplates.$inferSelect;
export type PackageRoleRow = typeof packageRoles.$inferSelect;

/** Resources by id; unknown ids are absent. */
export async function resourcesByIds(db: Db, ids: readonly string[]): Promise<ResourceRow[]> {
  return ids.length ? db.select().from(resources).where(anyOf(resources.id, ids)) : [];
}

/** The policy rules of these resources. */
export async function policyRulesOf(db: Db, resourceIds: readonly string[]): Promise<PolicyRuleRow[]> {
  return resourceIds.length ? db.select().from(policyRules).where(anyOf(policyRules.resourceId, resourceIds)) : [];
}

/** Consent templates by id; unknown ids are absent. */
export async function consentTemplatesByIds(db: Db, ids: readonly string[]): Promise<ConsentTemplateRow[]> {
  return ids.length ? db.select().from(consentTemplates).where(anyOf(consentTemplates.id, ids)) : [];
}

/** Access packages by urn; unknown urns are absent. */
export async function accessPackagesByUrns(db: Db, urns: readonly string[]): Promise<AccessPackageRow[]> {
  return urns.length ? db.select().from(accessPackages).where(anyOf(accessPackages.urn, urns)) : [];
}

/** Every resource and every policy rule: the catalogue the decision point keeps in memory. */
export async function allResources(db: Db): Promise<ResourceRow[]> {
  return db.select().from(resources);
}

export async function allPolicyRules(db: Db): Promise<PolicyRuleRow[]> {
  return db.select().from(policyRules);
}

/** The whole (small) package catalogue: which packages administer. */
export async function allAccessPackages(
  db: Db,
): Promise<{ urn: string; delegable: boolean; administers: boolean; clientPackage: boolean; powerOfAttorney: boolean }[]> {
  return db
    .select({
      urn: accessPackages.urn,
      delegable: accessPackages.delegable,
      administers: accessPackages.administers,
      clientPackage: accessPackages.clientPackage,
      powerOfAttorney: accessPackages.powerOfAttorney,
    })
    .from(accessPackages);
}

/** The whole (small) role catalogue: each role's code and urn. */
export async function allRoles(db: Db): Promise<{ code: string; urn: string }[]> {
  return db.select({ code: roles.code, urn: roles.urn }).from(roles);
}

/** Every (package, role) pair: which roles grant which packages. */
export async function allPackageRoles(db: Db): Promise<PackageRoleRow[]> {
  return db.select().from(packageRoles);
}

export interface RoleHeld {
  fromId: string;
  toId: string;
  roleCode: string;
}

/** The catalogue's version, bumped by a trigger on every change to it (roles, packages, resources, policy rules). */
export async function catalogueVersionNow(db: Db): Promise<number> {
  const [row] = await db.select({ version: catalogueVersion.version }).from(catalogueVersion);
  return row?.version ?? 0;
}

/**
 * `rolesHeldBetween` and the catalogue's version in one statement (the version comes with the facts, so checking
 * an in-memory catalogue costs no statement of its own): read together, in one snapshot.
 */
export async function rolesHeldAtVersion(
  db: Db,
  toIds: readonly string[],
  fromIds: readonly string[],
): Promise<{ version: number; held: RoleHeld[] }> {
  const query = prepared(db, 'rolesHeldAtVersion', () =>
    db
      .select({ version: catalogueVersion.version, fromId: roleAssignments.fromId, toId: roleAssignments.toId, roleCode: roleAssignments.roleCode })
      .from(catalogueVersion)
      .leftJoin(roleAssignments, and(anyOfPlaceholder(roleAssignments.toId, 'toIds'), anyOfPlaceholder(roleAssignments.fromId, 'fromIds')))
      .prepare('roles_held_at_version'),
  );
  const rows = await query.execute({ toIds: [...toIds], fromIds: [...fromIds] });
  const held: RoleHeld[] = [];
  for (const r of rows) if (r.roleCode !== null) held.push({ fromId: r.fromId!, toId: r.toId!, roleCode: r.roleCode });
  return { version: rows[0]?.version ?? 0, held };
}

/** The roles each of `toIds` holds for each of `fromIds`. */
export async function rolesHeldBetween(db: Db, toIds: readonly string[], fromIds: readonly string[]): Promise<RoleHeld[]> {
  if (!toIds.length || !fromIds.length) return [];
  return db
    .select({ fromId: roleAssignments.fromId, toId: roleAssignments.toId, roleCode: roleAssignments.roleCode })
    .from(roleAssignments)
    .where(and(anyOf(roleAssignments.toId, toIds), anyOf(roleAssignments.fromId, fromIds)));
}

/**
 * Roles held with their urns, by role code then holder: those held by `toIds` (for anyone) or for `fromIds` (by
 * anyone), or both when both are given.
 */
export async function rolesHeldWithUrns(
  db: Db,
  by: { toIds?: readonly string[]; fromIds?: readonly string[] },
): Promise<(RoleHeld & { roleUrn: string })[]> {
  const where: SQL[] = [];
  if (by.toIds) where.push(anyOf(roleAssignments.toId, by.toIds));
  if (by.fromIds) where.push(anyOf(roleAssignments.fromId, by.fromIds));
  if (!where.length || by.toIds?.length === 0 || by.fromIds?.length === 0) return [];
  return db
    .select({ fromId: roleAssignments.fromId, toId: roleAssignments.toId, roleCode: roleAssignments.roleCode, roleUrn: roles.urn })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.code, roleAssignments.roleCode))
    .where(and(...where))
    .orderBy(asc(roleAssignments.roleCode), asc(roleAssignments.toId));
}

/** The parties that hold, for `fromId`, a role granting package `packageUrn` (the candidate firms of a client delegation). */
export async function holdersOfPackageFor(db: Db, fromId: string, packageUrn: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: roleAssignments.toId })
    .from(roleAssignments)
    .innerJoin(packageRoles, eq(packageRoles.roleCode, roleAssignments.roleCode))
    .where(and(eq(roleAssignments.fromId, fromId), eq(packageRoles.packageUrn, packageUrn)));
  return rows.map((r) => r.id);
}
