import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personUrn, storyParty } from '@hub/db';
import { delegations } from '@hub/db/delegations';
import { startTestStack, type TestStack } from './support/stack';
import { contractOperation } from './support/contract';

let stack: TestStack;
/** How KARI sees SIRI, whom she may not act for: by uuid, never by number. */
let siriAsSeen: string;
beforeAll(async () => {
  stack = await startTestStack();
  siriAsSeen = `urn:altinn:party:uuid:${await stack.partyId('siri')}`;
});
afterAll(() => stack?.close());

const TAX = 'urn:altinn:accesspackage:innbygger-skatt';
const HEALTH = 'urn:altinn:accesspackage:innbygger-helse';
const TAX_RESOURCE = 'ske-skattemelding-person';
const HEALTH_RESOURCE = 'kommune-helsetjenester';

const GIVE = contractOperation('GivePowerOfAttorney');
const MINE = contractOperation('MyPowersOfAttorney');
const REVOKE = contractOperation('RevokeDelegation');
const DELEGATE = contractOperation('Delegate');
/** The contract's Authorize, with the area of a power of attorney. */
const AUTHORIZE = /* GraphQL */ `
  query ($requests: [AuthorizationRequestInput!]!) {
    authorize(requests: $requests) { decision reasons { source via area } }
  }
`;

const PARTIES_WITH_REASONS = /* GraphQL */ `
  {
    me { authorizedPartiesWithReasons { party { name } reasons { source via area } } }
  }
`;
const ACCESS_OVERVIEW = /* GraphQL */ `
  {
    me { accessOverview { rows { holder { name } source via package { urn } } } }
  }
`;

const urn = (key: string) => {
  const p = storyParty(key);
  if (!('nationalIdentityNumber' in p)) throw new Error(`${key} is not a person`);
  return personUrn(p.nationalIdentityNumber);
};
const as = (key: string) => stack.personToken(key);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const errorOf = (body: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => ({
  code: body.errors?.[0]?.extensions?.code,
  field: body.errors?.[0]?.extensions?.field,
  reason: body.errors?.[0]?.extensions?.reason,
  message: body.errors?.[0]?.message,
});

/** SIRI asks about herself, for KARI: the decision and its paths. */
async function siriFor(resource: string, action = 'read') {
  const { body } = await stack.graphql(AUTHORIZE, { requests: [{ subject: urn('siri'), party: urn('kari'), resource, action }] }, await as('siri'));
  expect(body.errors).toBeUndefined();
  return body.data.authorize[0] as { decision: string; reasons: { source: string; via: string; area: string | null }[] };
}

async function give(to: string, area: string, validTo: string, giver = 'kari') {
  return (await stack.graphql(GIVE, { input: { to: urn(to), area, validTo } }, await as(giver))).body;
}

describe('a power of attorney for an area', () => {
  it('lets SIRI act for KARI in tax, not in health, until KARI withdraws it', async () => {
    expect((await siriFor(TAX_RESOURCE)).decision).toBe('DENY');

    const given = await give('siri', TAX, inDays(30));
    expect(given.errors).toBeUndefined();
    const poa = given.data.givePowerOfAttorney;
    expect(poa).toMatchObject({ from: { urn: urn('kari') }, to: { urn: siriAsSeen }, package: { urn: TAX, name: 'Skatt (fullmakt)' } });

    expect(await siriFor(TAX_RESOURCE)).toEqual({ decision: 'PERMIT', reasons: [{ source: 'POWER_OF_ATTORNEY', via: poa.id, area: TAX }] });
    expect((await siriFor(TAX_RESOURCE, 'sign')).decision).toBe('PERMIT');
    expect(await siriFor(HEALTH_RESOURCE)).toEqual({ decision: 'DENY', reasons: [] });

    // The giver sees what she gave, the holder what she holds.
    const kari = (await stack.graphql(MINE, {}, await as('kari'))).body.data.me;
    expect(kari.powersOfAttorneyGiven).toEqual([
      { id: poa.id, to: { urn: siriAsSeen, name: 'SIRI REGNESEN' }, package: { urn: TAX, name: 'Skatt (fullmakt)' }, validTo: poa.validTo },
    ]);
    const siri = (await stack.graphql(MINE, {}, await as('siri'))).body.data.me;
    expect(siri.powersOfAttorneyReceived.map((p: { id: string; from: { urn: string } }) => [p.id, p.from.urn])).toEqual([[poa.id, urn('kari')]]);
    expect(siri.powersOfAttorneyGiven).toEqual([]);

    // Whom SIRI may act for, and who has access to KARI, name it a power of attorney with its area, not a delegation.
    const parties = (await stack.graphql(PARTIES_WITH_REASONS, {}, await as('siri'))).body;
    expect(parties.errors).toBeUndefined();
    expect(parties.data.me.authorizedPartiesWithReasons).toContainEqual({
      party: { name: 'KARI NORDMANN' },
      reasons: [{ source: 'POWER_OF_ATTORNEY', via: poa.id, area: TAX }],
    });
    const overview = (await stack.graphql(ACCESS_OVERVIEW, {}, await as('kari'))).body;
    expect(overview.errors).toBeUndefined();
    expect(overview.data.me.accessOverview.rows).toContainEqual({
      holder: { name: 'SIRI REGNESEN' },
      source: 'POWER_OF_ATTORNEY',
      via: poa.id,
      package: { urn: TAX },
    });

    // A third person may not withdraw it: to her it does not exist.
    expect(errorOf((await stack.graphql(REVOKE, { id: poa.id }, await as('hakon'))).body).code).toBe('NOT_FOUND');
    expect((await siriFor(TAX_RESOURCE)).decision).toBe('PERMIT');

    const revoked = await stack.graphql(REVOKE, { id: poa.id }, await as('kari'));
    expect(revoked.body.data.revokeDelegation.revokedAt).toEqual(expect.any(String));
    expect(await siriFor(TAX_RESOURCE)).toEqual({ decision: 'DENY', reasons: [] });
    expect((await stack.graphql(MINE, {}, await as('kari'))).body.data.me.powersOfAttorneyGiven).toEqual([]);
  });

  it('stops counting at its end date', async () => {
    const poa = (await give('siri', HEALTH, inDays(1))).data.givePowerOfAttorney;
    expect((await siriFor(HEALTH_RESOURCE)).reasons).toEqual([{ source: 'POWER_OF_ATTORNEY', via: poa.id, area: HEALTH }]);
    await stack.database.db
      .update(delegations)
      .set({ validTo: sql`now() - interval '1 second'` })
      .where(eq(delegations.id, poa.id));
    expect((await siriFor(HEALTH_RESOURCE)).decision).toBe('DENY');
    expect((await stack.graphql(MINE, {}, await as('siri'))).body.data.me.powersOfAttorneyReceived).toEqual([]);
  });

  it('lets the holder give it up', async () => {
    const poa = (await give('siri', TAX, inDays(2))).data.givePowerOfAttorney;
    expect((await stack.graphql(REVOKE, { id: poa.id }, await as('siri'))).body.data.revokeDelegation.revokedAt).toEqual(expect.any(String));
    expect((await siriFor(TAX_RESOURCE)).decision).toBe('DENY');
  });

  it.each([
    ['a past end date', inDays(-1), 'input.validTo: must be in the future'],
    ['an end date more than ten years ahead', inDays(3660 + 3), 'input.validTo: at most 10 years ahead'],
  ])('refuses %s as bad input', async (_name, validTo, message) => {
    expect(errorOf(await give('siri', TAX, validTo))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.validTo',
      message: expect.stringContaining(message),
    });
  });

  it('needs an end date when given through delegate, and only the person gives it', async () => {
    const noEnd = await stack.graphql(DELEGATE, { input: { from: urn('kari'), to: urn('siri'), package: TAX } }, await as('kari'));
    expect(errorOf(noEnd.body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.validTo' });
    const byOther = await stack.graphql(
      DELEGATE,
      { input: { from: urn('kari'), to: urn('siri'), package: TAX, validTo: inDays(5) } },
      await as('hakon'),
    );
    expect(errorOf(byOther.body)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_HELD' });
    const toCompany = await stack.graphql(
      DELEGATE,
      { input: { from: urn('kari'), to: 'urn:altinn:organization:identifier-no:310000108', package: TAX, validTo: inDays(5) } },
      await as('kari'),
    );
    expect(errorOf(toCompany.body)).toMatchObject({ code: 'FORBIDDEN', reason: 'RECIPIENT_NOT_A_PERSON' });
  });

  it('keeps the register-based person packages out of reach', async () => {
    const bank = await stack.graphql(
      DELEGATE,
      { input: { from: urn('kari'), to: urn('siri'), package: 'urn:altinn:accesspackage:innbygger-bank', validTo: inDays(5) } },
      await as('kari'),
    );
    expect(errorOf(bank.body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NOT_DELEGABLE',
      message: expect.stringContaining('is not delegable'),
    });
    expect(errorOf(await give('siri', 'urn:altinn:accesspackage:innbygger-barn', inDays(5)))).toMatchObject({ reason: 'NOT_DELEGABLE' });
  });
});
