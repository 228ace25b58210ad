/**
 * The parties domain's read API for the other domains: plain rows by ids or numbers, one statement per call, for
 * arrays of keys (never one call per id). Pass a transaction handle to read inside it.
 */
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { parties, partyType, type PartyRow } from '../schema/parties';

export type { PartyRow };

/** A party's kinds, for other domains' enums of the same values. */
export const partyTypes = partyType.enumValues;
export { partyIdOf, partyIdsOf } from '../party-ids';

/** Parties by id, in no particular order; unknown ids are absent. */
export async function partyRowsByIds(db: Db, ids: readonly string[]): Promise<PartyRow[]> {
  return ids.length ? db.select().from(parties).where(inArray(parties.id, [...ids])) : [];
}

/** Persons by national identity number; unknown numbers are absent. */
export async function partyRowsByNationalIdentityNumbers(db: Db, numbers: readonly string[]): Promise<PartyRow[]> {
  return numbers.length ? db.select().from(parties).where(inArray(parties.nationalIdentityNumber, [...numbers])) : [];
}

/** Organisations by organisation number; unknown numbers are absent. */
export async function partyRowsByOrganizationNumbers(db: Db, numbers: readonly string[]): Promise<PartyRow[]> {
  return numbers.length ? db.select().from(parties).where(inArray(parties.organizationNumber, [...numbers])) : [];
}

/** Each known party's main unit (null for main units and persons). */
export async function parentsOf(db: Db, ids: readonly string[]): Promise<{ id: string; parentId: string | null }[]> {
  return ids.length ? db.select({ id: parties.id, parentId: parties.parentId }).from(parties).where(inArray(parties.id, [...ids])) : [];
}

/** The subunits of these main units, by name. */
export async function subunitsOf(db: Db, parentIds: readonly string[]): Promise<{ id: string; parentId: string; name: string }[]> {
  if (!parentIds.length) return [];
  const rows = await db
    .select({ id: parties.id, parentId: parties.parentId, name: parties.name })
    .from(parties)
    .where(inArray(parties.parentId, [...parentIds]))
    .orderBy(asc(parties.name));
  return rows.map((r) => ({ ...r, parentId: r.parentId! }));
}
