import type { Db } from '@hub/db';
import { loadFacts, pairKey, type Facts } from './facts';

/** Altinn's access-manager role: administers without holding the main-administrator package. */
export const ACCESS_MANAGER_ROLE = 'ADMAI';

/** Roles `subjectId` holds for `partyId` and, unless `inherit` is false, for its main unit. */
export function rolesHeldFor(facts: Facts, subjectId: string, partyId: string, inherit = true): string[] {
  const parent = inherit ? facts.parentOf.get(partyId) : null;
  return [partyId, ...(parent ? [parent] : [])].flatMap((target) => [...(facts.rolesHeld.get(pairKey(subjectId, target)) ?? [])]);
}

/**
 * Pure: does `subjectId` administer `partyId`? The party itself, or whoever holds for it (or its main unit) a role
 * that grants an administering package (DAGL, LEDE, INNH → hovedadministrator) or the access-manager role ADMAI.
 * Administrators see and manage a party's delegations and role holders; a narrower relationship (one delegated
 * resource, a guardian's mandate) does not.
 */
export function administersIn(facts: Facts, subjectId: string, partyId: string): boolean {
  if (subjectId === partyId) return true;
  return rolesHeldFor(facts, subjectId, partyId).some(
    (role) => role === ACCESS_MANAGER_ROLE || [...(facts.packagesOfRole.get(role) ?? [])].some((p) => facts.packageAdministers.has(p)),
  );
}

/** Which of `partyIds` `subjectId` administers. One batch of facts. */
export async function administeredBy(db: Db, subjectId: string, partyIds: readonly string[], now = new Date()): Promise<boolean[]> {
  const facts = await loadFacts(db, { subjectIds: [subjectId], partyIds, consents: false }, now);
  return partyIds.map((id) => administersIn(facts, subjectId, id));
}
