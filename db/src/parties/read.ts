/**
 * The parties domain's read API for the other domains: plain rows by ids or numbers, one statement per call, for
 * arrays of keys (never one call per id). Pass a transaction handle to read inside it.
 */
import { asc, or } from 'drizzle-orm';
import { anyOf, anyOfPlaceholder, prepared } from '../any-of';
import type { Db } from '../client';
import { parties, partyType, type PartyRow } from '../schema/parties';

export type { PartyRow };

/** A party's kinds, for other domains' enums of the same values. */
export const partyTypes = partyType.enumValues;
export { partyIdOf, partyIdsOf } from '../party-ids';

/** Parties by id, in no particular order; unknown ids are absent. */
export async function partyRowsByIds(db: Db, ids: readonly string[]): Promise<PartyRow[]> {
  return ids.length ? db.select().from(parties).where(anyOf(parties.id, ids)) : [];
}

/** Persons by national identity number; unknown numbers are absent. */
export async function partyRowsByNationalIdentityNumbers(db: Db, numbers: readonly string[]): Promise<PartyRow[]> {
  return numbers.length ? db.select().from(parties).where(anyOf(parties.nationalIdentityNumber, numbers)) : [];
}

/** Organisations by organisation number; unknown numbers are absent. */
export async function partyRowsByOrganizationNumbers(db: Db, numbers: readonly string[]): Promise<PartyRow[]> {
  return numbers.length ? db.select().from(parties).where(anyOf(parties.organizationNumber, numbers)) : [];
}

/** Parties named by id, national identity number or organisation number, in one statement; unknown keys are absent. */
export async function partyRowsByKeys(
  db: Db,
  keys: { ids: readonly string[]; nationalIdentityNumbers: readonly string[]; organizationNumbers: readonly string[] },
): Promise<PartyRow[]> {
  if (!keys.ids.length && !keys.nationalIdentityNumbers.length && !keys.organizationNumbers.length) return [];
  // One text for every mix of keys (an empty list matches nothing), built once per handle.
  const query = prepared(db, 'partyRowsByKeys', () =>
    db
      .select()
      .from(parties)
      .where(
        or(
          anyOfPlaceholder(parties.id, 'ids'),
          anyOfPlaceholder(parties.nationalIdentityNumber, 'nationalIdentityNumbers'),
          anyOfPlaceholder(parties.organizationNumber, 'organizationNumbers'),
        ),
      )
      .prepare('party_rows_by_keys'),
  );
  return query.execute({
    ids: [...keys.ids],
    nationalIdentityNumbers: [...keys.nationalIdentityNumbers],
    organizationNumbers: [...keys.organizationNumbers],
  });
}

/** Each known party's main unit (null for main units and persons). */
export async function parentsOf(db: Db, ids: readonly string[]): Promise<{ id: string; parentId: string | null }[]> {
  return ids.length ? db.select({ id: parties.id, parentId: parties.parentId }).from(parties).where(anyOf(parties.id, ids)) : [];
}

/** The subunits of these main units, by name. */
export async function subunitsOf(db: Db, parentIds: readonly string[]): Promise<{ id: string; parentId: string; name: string }[]> {
  if (!parentIds.length) return [];
  const rows = await db
    .select({ id: parties.id, parentId: parties.parentId, name: parties.name })
    .from(parties)
    .where(anyOf(parties.parentId, parentIds))
    .orderBy(asc(parties.name));
  return rows.map((r) => ({ ...r, parentId: r.parentId! }));
}
