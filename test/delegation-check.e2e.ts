import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationUrn, personUrn, storyParty } from '@hub/db';
import { startTestStack, type TestStack } from './support/stack';
import { contractOperation } from './support/contract';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

const CHECK = contractOperation('DelegationCheck');
const DELEGATE = contractOperation('Delegate');

const urn = (key: string) => {
  const p = storyParty(key);
  return 'nationalIdentityNumber' in p ? personUrn(p.nationalIdentityNumber) : organizationUrn(p.organizationNumber);
};
const pkg = (name: string) => `urn:altinn:accesspackage:${name}`;
const as = (key: string) => stack.personToken(key);
/** A login at level 2 (idporten-loa-low), below the VAT return's minimum of 3. */
const low = (key: string) => {
  const p = storyParty(key);
  return stack.token({ pid: 'nationalIdentityNumber' in p ? p.nationalIdentityNumber : '', acr: 'idporten-loa-low' });
};
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

interface Entry {
  resource: { id: string } | null;
  action: string | null;
  package: { urn: string } | null;
  delegable: boolean;
  reason: string | null;
  message: string | null;
}

async function check(party: string, to: string, token: string): Promise<Entry[]> {
  const { body } = await stack.graphql(CHECK, { party: urn(party), to: urn(to) }, token);
  expect(body.errors).toBeUndefined();
  return body.data.party.delegationCheck;
}
/** The answer for one resource action or package, as `[delegable, reason]`. */
const answer = (entries: Entry[], what: string, action?: string) => {
  const e = entries.find((x) => (action ? x.resource?.id === what && x.action === action : x.package?.urn === what));
  if (!e) throw new Error(`no entry for ${what} ${action ?? ''}`);
  return [e.delegable, e.reason];
};

describe('the delegation check: what may I delegate, for this party, to whom', () => {
  it('tells the general manager what she may give, and why not the rest', async () => {
    const entries = await check('tranabygg', 'arian', await as('kari'));
    expect(answer(entries, 'ske-mva-melding', 'sign')).toEqual([true, null]);
    expect(answer(entries, pkg('merverdiavgift'))).toEqual([true, null]);
    expect(answer(entries, pkg('hovedadministrator'))).toEqual([false, 'NOT_DELEGABLE']);
    // The accountant's client package: her roles do not give it to her.
    expect(answer(entries, pkg('regnskapsforer-med-signeringsrettighet'))).toEqual([false, 'NOT_HELD']);
    // A company's check lists no person's power-of-attorney areas.
    expect(entries.some((e) => e.package?.urn === pkg('innbygger-skatt'))).toBe(false);
    for (const e of entries) expect(e.message === null).toBe(e.delegable);
  });

  it('says AUTHENTICATION_LEVEL_TOO_LOW below the resource’s level, and delegate refuses with the same code', async () => {
    const token = await low('kari');
    const entries = await check('tranabygg', 'arian', token);
    expect(answer(entries, 'ske-mva-melding', 'sign')).toEqual([false, 'AUTHENTICATION_LEVEL_TOO_LOW']);
    expect(answer(entries, pkg('merverdiavgift'))).toEqual([false, 'AUTHENTICATION_LEVEL_TOO_LOW']);
    const refused = await stack.graphql(
      DELEGATE,
      { input: { from: urn('tranabygg'), to: urn('arian'), resource: 'ske-mva-melding', actions: ['sign'] } },
      token,
    );
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'AUTHENTICATION_LEVEL_TOO_LOW' });
    expect(refused.body.errors?.[0]?.message).toContain('needs authentication level 3');
  });

  it('says NEEDS_ACCESS_MANAGER to someone who holds a right for the party but does not administer it', async () => {
    // ASTRID has no path to TRANA BYGG AS: she may not ask at all.
    const before = await stack.graphql(CHECK, { party: urn('tranabygg'), to: urn('arian') }, await as('astrid'));
    expect(before.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const given = await stack.graphql(
      DELEGATE,
      { input: { from: urn('tranabygg'), to: urn('astrid'), resource: 'ske-mva-melding', actions: ['read'] } },
      await as('kari'),
    );
    expect(given.body.errors).toBeUndefined();
    const entries = await check('tranabygg', 'arian', await as('astrid'));
    expect(answer(entries, 'ske-mva-melding', 'read')).toEqual([false, 'NEEDS_ACCESS_MANAGER']);
    expect(entries.every((e) => !e.delegable)).toBe(true);
    const refused = await stack.graphql(
      DELEGATE,
      { input: { from: urn('tranabygg'), to: urn('arian'), resource: 'ske-mva-melding', actions: ['read'] } },
      await as('astrid'),
    );
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NEEDS_ACCESS_MANAGER' });
  });

  it('lists a person’s power-of-attorney areas: to another person yes, to a company no', async () => {
    const toSiri = await check('kari', 'siri', await as('kari'));
    for (const area of ['innbygger-helse', 'innbygger-nav', 'innbygger-post', 'innbygger-skatt']) {
      expect(answer(toSiri, pkg(area))).toEqual([true, null]);
    }
    expect(toSiri.every((e) => e.resource === null)).toBe(true);
    const toBank = await check('kari', 'banken', await as('kari'));
    expect(answer(toBank, pkg('innbygger-skatt'))).toEqual([false, 'RECIPIENT_NOT_A_PERSON']);
    const refused = await stack.graphql(
      DELEGATE,
      { input: { from: urn('kari'), to: urn('banken'), package: pkg('innbygger-skatt'), validTo: inDays(10) } },
      await as('kari'),
    );
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'RECIPIENT_NOT_A_PERSON' });
  });

  it('tells a guardian the register-based package is not delegable and the person’s areas are not theirs to give', async () => {
    const entries = await check('astrid', 'siri', await as('arian'));
    expect(answer(entries, pkg('innbygger-bank'))).toEqual([false, 'NOT_DELEGABLE']);
    expect(answer(entries, pkg('innbygger-skatt'))).toEqual([false, 'NOT_HELD']);
    const refused = await stack.graphql(
      DELEGATE,
      { input: { from: urn('astrid'), to: urn('siri'), package: pkg('innbygger-skatt'), validTo: inDays(10) } },
      await as('arian'),
    );
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_HELD' });
  });

  it('refuses an unknown recipient as bad input', async () => {
    const { body } = await stack.graphql(CHECK, { party: urn('tranabygg'), to: organizationUrn('999999999') }, await as('kari'));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});
