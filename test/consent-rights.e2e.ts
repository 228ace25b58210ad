import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { story } from '@hub/db';
import { ACCEPT, CREATE, errorOf, inSeconds, REJECT, storyTokens, URN } from './support/consents';
import { startTestStack, type TestStack } from './support/stack';

/** The data-minimising summary of what an organisation may use by consent, for its administrators. */
const CONSENT_RIGHTS = /* GraphQL */ `
  query ConsentRights($party: String!) {
    party(urn: $party) {
      name
      consentRights { resource { id title } consents earliestValidTo latestValidTo oneTime }
    }
  }`;
const RECEIVED = /* GraphQL */ `query ($party: String!) { party(urn: $party) { consentsReceived { id } } }`;
const REDIRECT = 'http://localhost:9999/callback';

let stack: TestStack;
let t: Awaited<ReturnType<typeof storyTokens>>;
beforeAll(async () => {
  stack = await startTestStack();
  t = await storyTokens(stack);
}, 120_000);
afterAll(() => stack?.close());

/** BANKEN asks HÅKON for `resources` until `validTo`; returns the request's id. */
async function ask(resources: string[], validTo: string): Promise<string> {
  const rights = resources.map((resource) => ({ resource }));
  const { body } = await stack.graphql(CREATE, { input: { from: URN.hakon, validTo, rights, redirectUrl: REDIRECT } }, t.banken);
  expect(body.errors).toBeUndefined();
  return body.data.createConsentRequest.id as string;
}

async function answer(operation: string, id: string): Promise<void> {
  const { body } = await stack.graphql(operation, { id }, t.hakon);
  expect(body.errors).toBeUndefined();
}

describe('Party.consentRights: what BANKEN AS may use by consent, summed for its administrators', () => {
  // Whole seconds: the dates come back as the stored timestamps.
  const soon = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_600_000).toISOString();
  const later = new Date(Math.ceil(Date.now() / 1000) * 1000 + 7_200_000).toISOString();

  beforeAll(async () => {
    // Two consents HÅKON accepts; one he rejects and one left unanswered, which give nothing.
    await answer(ACCEPT, await ask(['ske-restanser'], soon));
    await answer(ACCEPT, await ask(['ske-restanser', 'ske-skatteattest'], later));
    await answer(REJECT, await ask(['nav-aap-uforetrygd'], later));
    await ask(['nav-aap-uforetrygd'], inSeconds(3600));
  }, 60_000);

  it('gives KARI, the general manager, per resource: how many accepted consents, their first and last expiry, one-time or not', async () => {
    const { body } = await stack.graphql(CONSENT_RIGHTS, { party: URN.banken }, t.kari);
    expect(body.errors).toBeUndefined();
    expect(body.data.party).toEqual({
      name: 'BANKEN AS',
      consentRights: [
        {
          resource: { id: 'ske-restanser', title: 'Restanser hos Skatteetaten' },
          consents: 2,
          earliestValidTo: soon,
          latestValidTo: later,
          oneTime: false,
        },
        {
          resource: { id: 'ske-skatteattest', title: 'Skatteattest (engangs)' },
          consents: 1,
          earliestValidTo: later,
          latestValidTo: later,
          oneTime: true,
        },
      ],
    });
  });

  it('names no person: no national identity number, no person’s name, anywhere in the answer', async () => {
    const { body } = await stack.graphql(CONSENT_RIGHTS, { party: URN.banken }, t.kari);
    const text = JSON.stringify(body);
    for (const person of story.persons) {
      expect(text).not.toContain(person.nationalIdentityNumber);
      expect(text).not.toContain(person.name);
    }
    expect(text).not.toMatch(/\d{11}/);
  });

  it('refuses SIRI, who holds no role in BANKEN AS, as FORBIDDEN', async () => {
    const { body } = await stack.graphql(CONSENT_RIGHTS, { party: URN.banken }, t.siri);
    expect(errorOf(body)?.code).toBe('FORBIDDEN');
    expect(body.data?.party?.consentRights ?? null).toBeNull();
  });

  it('gives the bank’s own system the same summary, and still does not widen the consents themselves to KARI', async () => {
    const own = await stack.graphql(CONSENT_RIGHTS, { party: URN.banken }, t.banken);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.party.consentRights.map((r: { consents: number }) => r.consents)).toEqual([2, 1]);
    const received = await stack.graphql(RECEIVED, { party: URN.banken }, t.kari);
    expect(errorOf(received.body)?.code).toBe('FORBIDDEN');
    expect(received.body.data?.party?.consentsReceived ?? null).toBeNull();
  });
});
