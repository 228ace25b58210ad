import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyParty } from '@hub/db';
import { ACCEPT, CREATE, inSeconds, URN } from '../support/consents';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const pidOf = (key: string) => (storyParty(key) as { nationalIdentityNumber: string }).nationalIdentityNumber;
/** A person's dev token at the given `acr`: ID-porten's names, an Altinn level, or something unknown. */
const loginAt = (key: string, acr: string) => stack.token({ pid: pidOf(key), acr });

const AUTHORIZE = /* GraphQL */ `
  query Authorize($requests: [AuthorizationRequestInput!]!) { authorize(requests: $requests) { decision obligations { minimumAuthenticationLevel } } }`;

describe('the authentication level fails closed', () => {
  // KARI holds DAGL for TRANA BYGG AS; the VAT return needs level 3.
  const kariSignsVat = { subject: URN.kari, party: URN.tranabygg, resource: 'ske-mva-melding', action: 'sign' };

  it.each([
    ['idporten-loa-substantial', 'PERMIT'],
    ['idporten-loa-high', 'PERMIT'],
    ['idporten-loa-low', 'DENY'],
    ['Level2', 'DENY'],
    ['an-unknown-acr', 'DENY'],
  ])('a person logged in at %s asking about herself for ske-mva-melding (level 3) gets %s', async (acr, decision) => {
    const { body } = await stack.graphql(AUTHORIZE, { requests: [kariSignsVat] }, await loginAt('kari', acr));
    expect(body.errors).toBeUndefined();
    expect(body.data.authorize).toEqual([{ decision, obligations: { minimumAuthenticationLevel: 3 } }]);
  });

  it('keeps the obligation for a system asking about someone else (it cannot know their login)', async () => {
    const { body } = await stack.graphql(AUTHORIZE, { requests: [kariSignsVat] }, await stack.token({ client: 'skatteetaten-system' }));
    expect(body.data.authorize).toEqual([{ decision: 'PERMIT', obligations: { minimumAuthenticationLevel: 3 } }]);
  });

  it.each(['idporten-loa-low', 'an-unknown-acr'])('refuses a consent answer from a person logged in at %s', async (acr) => {
    const banken = await stack.token({ client: 'banken-system' });
    const created = await stack.graphql(
      CREATE,
      {
        input: {
          from: URN.hakon,
          validTo: inSeconds(3600),
          redirectUrl: 'https://banken.example/samtykke/retur',
          rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
        },
      },
      banken,
    );
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data.createConsentRequest.id as string;

    const weak = await stack.graphql(ACCEPT, { id }, await loginAt('hakon', acr));
    expect(weak.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(weak.body.errors?.[0]?.message).toMatch(/authentication level 3/);

    const strong = await stack.graphql(ACCEPT, { id }, await loginAt('hakon', 'idporten-loa-substantial'));
    expect(strong.body.data?.acceptConsentRequest?.status).toBe('ACCEPTED');
  });
});
