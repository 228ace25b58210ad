import { eq, inArray, or } from 'drizzle-orm';
import type { Db } from './client';
import { parties } from './schema/index';
import { story, storyNumber } from './story';

/**
 * The stored ids of parties by register number (11 digits: a person, 9: an organisation), one statement for all.
 * Ids are random, so this is the only way from a number to an id. Unknown numbers are absent from the map.
 */
export async function partyIdsOf(db: Db, numbers: readonly string[]): Promise<Map<string, string>> {
  const persons = numbers.filter((n) => n.length === 11);
  const organizations = numbers.filter((n) => n.length === 9);
  const wanted = [
    ...(persons.length ? [inArray(parties.nationalIdentityNumber, persons)] : []),
    ...(organizations.length ? [inArray(parties.organizationNumber, organizations)] : []),
  ];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: parties.id, nin: parties.nationalIdentityNumber, orgNo: parties.organizationNumber })
    .from(parties)
    .where(or(...wanted));
  return new Map(rows.map((r) => [(r.nin ?? r.orgNo)!, r.id]));
}

/** The stored id of one party by register number, or null when the registers do not know it. */
export async function partyIdOf(db: Db, number: string): Promise<string | null> {
  const column = number.length === 11 ? parties.nationalIdentityNumber : parties.organizationNumber;
  const [row] = await db.select({ id: parties.id }).from(parties).where(eq(column, number)).limit(1);
  return row?.id ?? null;
}

/**
 * The stored ids of every story party, as a lookup by key (`kari`, `tranabygg` …) that throws on a key the story
 * lacks or a party not seeded: for tests and tools that name story parties by key. One statement.
 */
export async function storyPartyIds(db: Db): Promise<(key: string) => string> {
  const keys = [...story.persons, ...story.organizations].map((p) => p.key);
  const ids = await partyIdsOf(db, keys.map(storyNumber));
  return (key) => {
    const id = ids.get(storyNumber(key));
    if (!id) throw new Error(`story party ${key} is not in the database`);
    return id;
  };
}
