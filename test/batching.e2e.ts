import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { story } from '@hub/db';
import { loadStoryIds, partyUuid } from './support/story-ids';
import { startTestStack, type TestStack } from './support/stack';
import { signedSubgraphRequest } from './support/subgraph';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await loadStoryIds(stack);
});
afterAll(() => stack?.close());

const ENTITIES = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Party { name urn parent { name } subunits { name } nationalIdentityNumber } }
}`;

/** Statements the database saw while `run` ran. */
async function statementsDuring(run: () => Promise<unknown>): Promise<number> {
  const before = stack.database.statementCount();
  await run();
  return stack.database.statementCount() - before;
}

describe('party lookups are batched', () => {
  it('resolves 100 parties with the same number of SQL statements as 10', async () => {
    // Persons and organisations alternate, so the ten hold both kinds whatever the story's size: each kind has its own loads.
    const persons = story.persons.map((p) => p.nationalIdentityNumber);
    const organizations = story.organizations.map((o) => o.organizationNumber);
    const storyIds = Array.from({ length: Math.max(persons.length, organizations.length) }, (_, i) => [persons[i], organizations[i]])
      .flat()
      .filter((n): n is string => n !== undefined)
      .map(partyUuid);
    const representations = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Party', id: storyIds[i] ?? randomUUID() }));
    const ask = (n: number) =>
      signedSubgraphRequest(stack.subgraphUrls.parties!, { query: ENTITIES, variables: { r: representations(n) }, viewer: { pid: '12888510018' } });

    // The viewer's party id is looked up once per process: out of the way before counting.
    await ask(1);
    let hundred: Awaited<ReturnType<typeof ask>> | undefined;
    const ten = await statementsDuring(() => ask(10));
    const forHundred = await statementsDuring(async () => (hundred = await ask(100)));
    expect(hundred!.body.data._entities).toHaveLength(100);
    expect(hundred!.body.data._entities.filter(Boolean)).toHaveLength(storyIds.length);
    expect(forHundred).toBe(ten);
    expect(forHundred).toBeLessThanOrEqual(10);
  });
});
