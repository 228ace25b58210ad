import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyTokens, URN } from '../support/consents';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let t: Awaited<ReturnType<typeof storyTokens>>;
beforeAll(async () => {
  stack = await startTestStack();
  t = await storyTokens(stack);
});
afterAll(() => stack?.close());

const PAGES = /* GraphQL */ `
  query($urn: String!) {
    party(urn: $urn) {
      consentsGivenPage(first: 7) { nodes { id } }
      consentLogPage(first: 7) { nodes { type } }
      evidenceRetrievalsPage(first: 7) { nodes { code } }
      auditLogPage(first: 7) { nodes { action } }
      delegationsReceivedPage(first: 7) { nodes { id } }
    }
  }`;

describe('the paged lists, asked by someone with no relation to the party', () => {
  it('give SIRI nothing of HÅKON’s: every page refused, no rows', async () => {
    const { body } = await stack.graphql(PAGES, { urn: URN.hakon }, t.siri);
    const pages = body.data?.party ?? {};
    for (const page of Object.values(pages)) expect(page).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.errors!.every((e: { extensions?: { code?: string } }) => ['FORBIDDEN', 'NOT_FOUND'].includes(e.extensions?.code ?? ''))).toBe(true);
  });

  it('give HÅKON his own pages', async () => {
    const { body } = await stack.graphql(PAGES, { urn: URN.hakon }, t.hakon);
    expect(body.errors).toBeUndefined();
    expect(body.data.party.consentsGivenPage.nodes).toEqual(expect.any(Array));
  });
});
