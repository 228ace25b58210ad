import { partyIdsOf, story } from '@hub/db';
import type { TestStack } from './stack';

// Party ids are random, so tests look them up once the stack has seeded the story. `partyUuid(number)` answers
// synchronously from that lookup, for tables and helpers that are built per test.
let ids = new Map<string, string>();

/** Reads the stored ids of every story party; call in `beforeAll` once the stack is up. */
export async function loadStoryIds(stack: TestStack): Promise<void> {
  ids = await partyIdsOf(stack.database.db, [
    ...story.persons.map((p) => p.nationalIdentityNumber),
    ...story.organizations.map((o) => o.organizationNumber),
  ]);
}

/** The stored id of the story party with this register number. */
export function partyUuid(number: string): string {
  const id = ids.get(number);
  if (!id) throw new Error(`no story party ${number} loaded (call loadStoryIds first)`);
  return id;
}
