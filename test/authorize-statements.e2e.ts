import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyParty } from '@hub/db';
import { loadStoryIds, partyUuid } from './support/story-ids';
import { startTestStack, type TestStack } from './support/stack';

// The decision point's budget (issue 14): an Authorize call costs at most four SQL statements, the same for 1 request
// as for 100: the URNs in one, then the roles held (with the catalogue's version), the active delegations and, when a
// request is about `consent`, the accepted consents. The catalogue itself comes from memory.

let stack: TestStack;
let token: string;
beforeAll(async () => {
  stack = await startTestStack();
  await loadStoryIds(stack);
  token = await stack.token({ client: 'skatteetaten-system' });
});
afterAll(() => stack?.close());

const AUTHORIZE = /* GraphQL */ `
  query Authorize($requests: [AuthorizationRequestInput!]!) {
    authorize(requests: $requests) { decision reasons { source via } obligations { minimumAuthenticationLevel } }
  }`;

const number = (key: string) => {
  const p = storyParty(key);
  return 'nationalIdentityNumber' in p ? p.nationalIdentityNumber : p.organizationNumber;
};
const numberUrn = (key: string) => {
  const p = storyParty(key);
  return 'nationalIdentityNumber' in p
    ? `urn:altinn:person:identifier-no:${p.nationalIdentityNumber}`
    : `urn:altinn:organization:identifier-no:${p.organizationNumber}`;
};
const uuidUrn = (key: string) => `urn:altinn:party:uuid:${partyUuid(number(key))}`;

type Ask = { subject: string; party: string; resource: string; action: string };
const SUBJECTS = ['kari', 'astrid', 'hakon', 'siri', 'arian', 'revisjon'];
const PARTIES = ['tranabygg', 'tranaavd'];

/** `n` requests over several subjects and parties (main unit and subunit), by register number or by id. */
function batch(n: number, urn: (key: string) => string, withConsent: boolean): Ask[] {
  return Array.from({ length: n }, (_, i) =>
    withConsent && i % 4 === 0
      ? { subject: urn('banken'), party: urn('hakon'), resource: 'ske-inntekt-skattegrunnlag', action: 'consent' }
      : { subject: urn(SUBJECTS[i % SUBJECTS.length]!), party: urn(PARTIES[i % 2]!), resource: 'ske-mva-melding', action: ['read', 'sign'][i % 2]! },
  );
}

async function statementsFor(requests: Ask[]): Promise<number> {
  const before = stack.database.statementCount();
  const { body } = await stack.graphql(AUTHORIZE, { requests }, token);
  const after = stack.database.statementCount();
  expect(body.errors).toBeUndefined();
  expect(body.data.authorize).toHaveLength(requests.length);
  return after - before;
}

describe('Authorize costs at most four statements whatever its size', () => {
  it.each([
    ['register-number URNs', numberUrn, false],
    ['register-number URNs, with consent requests', numberUrn, true],
    ['uuid URNs, with consent requests', uuidUrn, true],
  ] as const)('%s: 1, 10 and 100 requests take as many statements, at most four', async (_name, urn, withConsent) => {
    // The first call of a process loads the catalogue into memory: out of the way before counting.
    await statementsFor(batch(1, urn, withConsent));
    const counts = [];
    for (const n of [1, 10, 100]) counts.push(await statementsFor(batch(n, urn, withConsent)));
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    expect(counts[0]).toBeLessThanOrEqual(4);
    // Without a request about `consent`, consents are not read at all.
    if (!withConsent) expect(counts[0]).toBeLessThanOrEqual(3);
  });

  it('answers the batch of 100 as it answers each request alone', async () => {
    const requests = batch(100, numberUrn, true);
    const { body } = await stack.graphql(AUTHORIZE, { requests }, token);
    const alone = await Promise.all(
      requests.slice(0, 12).map(async (r) => (await stack.graphql(AUTHORIZE, { requests: [r] }, token)).body.data.authorize[0]),
    );
    expect(body.data.authorize.slice(0, 12)).toEqual(alone);
    expect(new Set(body.data.authorize.map((d: { decision: string }) => d.decision))).toEqual(new Set(['PERMIT', 'DENY']));
  });
});
