import jsonwebtoken from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, errorOf, inSeconds, ISSUE, READ, REVOKE, storyTokens, URN } from './support/consents';
import { authzen } from './authzen/support';
import { contractOperation } from './support/contract';
import { startTestStack, type TestStack } from './support/stack';

// Consent to act (issue 13 point 3): HÅKON lets BANKEN sign one tax return form on his behalf. The consent right names
// the actions and the form (`skjema`); the token carries them; the decision point permits exactly those, on that form.

let stack: TestStack;
let t: Awaited<ReturnType<typeof storyTokens>>;
beforeAll(async () => {
  stack = await startTestStack();
  t = await storyTokens(stack);
});
afterAll(() => stack?.close());

const REDIRECT = 'http://localhost:9999/callback';
const SIGNING = 'ske-skattemelding-signering';
const FORM = 'SM-2025-0042';
const CREATE = contractOperation('CreateConsentToAct');
const AUTHORIZE = contractOperation('Authorize');

/** BANKEN asks HÅKON for a consent to `actions` on `form`; returns the created request. */
async function ask(actions: string[], form = FORM) {
  const input = {
    from: URN.hakon,
    validTo: inSeconds(3600),
    redirectUrl: REDIRECT,
    rights: [{ resource: SIGNING, actions, metadata: { skjema: form } }],
  };
  return stack.graphql(CREATE, { input }, t.banken);
}

/** What the tax administration's decision point says about BANKEN doing `action` on `form` for HÅKON. */
async function decision(action: string, form: string | null = FORM) {
  const request = { subject: URN.banken, party: URN.hakon, resource: SIGNING, action, ...(form === null ? {} : { instance: form }) };
  const { body } = await stack.graphql(AUTHORIZE, { requests: [request] }, t.skatteetaten);
  expect(body.errors).toBeUndefined();
  return body.data.authorize[0] as { decision: string; reasons: { source: string; via: string }[] };
}

describe('a consent to sign one form', () => {
  let consentId: string;
  let code: string;

  it('is asked for with its actions and form, and the text shows them in both languages', async () => {
    const { body } = await ask(['sign']);
    expect(body.errors).toBeUndefined();
    const created = body.data.createConsentRequest;
    expect(created.rights).toEqual([{ resource: { id: SIGNING }, action: 'consent', actions: ['sign'], metadata: { skjema: FORM } }]);
    consentId = created.id;
    const read = await stack.graphql(READ, { id: consentId }, t.hakon);
    expect(read.body.data.consentRequest.template.renderedText).toBe(
      `BANKEN AS ber om samtykke til å signere «Skattemelding» (skjema ${FORM}) på vegne av deg. Samtykket gjelder bare dette og til ${new Intl.DateTimeFormat(
        'nb-NO',
        { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' },
      ).format(new Date(created.validTo))}.`,
    );
    expect(read.body.data.consentRequest.template.en).toContain(`asks for consent to sign “Skattemelding” (form ${FORM}) on behalf of you.`);
  });

  it('is denied before HÅKON answers', async () => {
    expect((await decision('sign')).decision).toBe('DENY');
  });

  it('once accepted, gives a token whose authorization_details carry the action and the form', async () => {
    const accepted = await stack.graphql(ACCEPT, { id: consentId }, t.hakon);
    expect(accepted.body.errors).toBeUndefined();
    code = new URL(accepted.body.data.acceptConsentRequest.redirectUrl).searchParams.get('code')!;
    const issued = await stack.graphql(ISSUE, { input: { code, redirectUrl: REDIRECT } }, t.banken);
    expect(issued.body.errors).toBeUndefined();
    const claims = jsonwebtoken.decode(issued.body.data.issueConsentToken.accessToken) as jsonwebtoken.JwtPayload;
    expect(claims.authorization_details[0].consentRights).toEqual([
      { action: ['sign'], resource: [{ type: 'urn:altinn:resource', value: SIGNING }], metadata: { skjema: FORM } },
    ]);
    // The receipt HÅKON's acceptance froze names the act too.
    const read = await stack.graphql(READ, { id: consentId }, t.hakon);
    expect(read.body.data.consentRequest.receipt.body.rights).toEqual([
      { resource: SIGNING, action: 'consent', actions: ['sign'], metadata: { skjema: FORM } },
    ]);
  });

  it('lets BANKEN sign exactly that form, through the consent', async () => {
    expect(await decision('sign')).toMatchObject({ decision: 'PERMIT', reasons: [{ source: 'CONSENT', via: consentId }] });
  });

  it('answers the same through AuthZEN, with the form in resource.properties.instance', async () => {
    const ask = (instance: string) => ({
      subject: { type: 'organization', id: URN.banken },
      action: { name: 'sign' },
      resource: { type: 'urn:altinn:resource', id: SIGNING, properties: { party: URN.hakon, instance } },
    });
    const { body } = await authzen(stack, '/access/v1/evaluations', { evaluations: [ask(FORM), ask('SM-2025-0043')] }, t.skatteetaten);
    expect(body.evaluations.map((e: { decision: boolean }) => e.decision)).toEqual([true, false]);
    expect(body.evaluations[0].context.reasons).toEqual([{ source: 'CONSENT', via: consentId }]);
  });

  it('does not let BANKEN submit it, sign another form, sign without naming the form, or fetch the data', async () => {
    expect((await decision('submit')).decision).toBe('DENY');
    expect((await decision('sign', 'SM-2025-0043')).decision).toBe('DENY');
    expect((await decision('sign', null)).decision).toBe('DENY');
    expect((await decision('consent')).reasons).toEqual([]);
  });

  it('does not let another organisation sign it', async () => {
    const { body } = await stack.graphql(
      AUTHORIZE,
      { requests: [{ subject: URN.finansiering, party: URN.hakon, resource: SIGNING, action: 'sign', instance: FORM }] },
      t.skatteetaten,
    );
    expect(body.data.authorize[0].decision).toBe('DENY');
  });

  it('is denied again once HÅKON withdraws it', async () => {
    const revoked = await stack.graphql(REVOKE, { id: consentId }, t.hakon);
    expect(revoked.body.errors).toBeUndefined();
    expect((await decision('sign')).decision).toBe('DENY');
  });
});

describe('a consent to sign and submit', () => {
  it('permits both acts on the form', async () => {
    const { body } = await ask(['sign', 'submit'], 'SM-2025-0100');
    expect(body.errors).toBeUndefined();
    expect((await stack.graphql(ACCEPT, { id: body.data.createConsentRequest.id }, t.hakon)).body.errors).toBeUndefined();
    expect((await decision('sign', 'SM-2025-0100')).decision).toBe('PERMIT');
    expect((await decision('submit', 'SM-2025-0100')).decision).toBe('PERMIT');
    expect((await decision('submit', FORM)).decision).toBe('DENY');
  });
});

describe('what a consent to act may ask for', () => {
  it('refuses an action the resource does not have, naming the field', async () => {
    const { body } = await ask(['delete']);
    expect(errorOf(body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.rights[0].actions',
      message: expect.stringContaining('no action delete'),
    });
  });

  it('refuses mixing fetching the data with acts in one right', async () => {
    const { body } = await ask(['consent', 'sign']);
    expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rights[0].actions' });
  });

  it('refuses a consent to act without the form it is for', async () => {
    const input = { from: URN.hakon, validTo: inSeconds(3600), redirectUrl: REDIRECT, rights: [{ resource: SIGNING, actions: ['sign'] }] };
    const { body } = await stack.graphql(CREATE, { input }, t.banken);
    expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rights[0].metadata', message: expect.stringContaining('skjema') });
  });

  it('keeps rights to data as they were: action and actions consent', async () => {
    const input = { from: URN.hakon, validTo: inSeconds(3600), redirectUrl: REDIRECT, rights: [{ resource: 'ske-skatteattest' }] };
    const { body } = await stack.graphql(CREATE, { input }, t.banken);
    expect(body.data.createConsentRequest.rights).toEqual([
      { resource: { id: 'ske-skatteattest' }, action: 'consent', actions: ['consent'], metadata: {} },
    ]);
  });
});
