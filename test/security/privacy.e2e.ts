import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { legacyPartyUuid, seedSynthetic, story } from '@hub/db';
import { parties } from '@hub/db/parties';
import { startTestStack, type TestStack } from '../support/stack';

// A person's national identity number reaches only the person and those who may act for them: not through the
// person's URN, and not through a party uuid that could be computed from the number.

const HAKON = '12888510018';
const KARI = '17857210042';
const EMMA = '09921550062';
const PARTY = `query($urn: String!) { party(urn: $urn) { id urn nationalIdentityNumber } }`;

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe('privacy of national identity numbers', () => {
  it('gives an organisation a person’s uuid URN and no number', async () => {
    const bank = await stack.token({ client: 'banken-system' });
    const hakon = await stack.partyId('hakon');
    const res = await stack.graphql(PARTY, { urn: `urn:altinn:party:uuid:${hakon}` }, bank);
    expect(res.body.data?.party).toEqual({ id: hakon, urn: `urn:altinn:party:uuid:${hakon}`, nationalIdentityNumber: null });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.body)).not.toContain(HAKON);
  });

  it('shows a person their own URN with the number, and a parent their child’s', async () => {
    const kari = await stack.graphql(`{ me { urn nationalIdentityNumber } }`, {}, await stack.personToken('kari'));
    expect(kari.body.data?.me).toEqual({ urn: `urn:altinn:person:identifier-no:${KARI}`, nationalIdentityNumber: KARI });
    const emma = await stack.graphql(PARTY, { urn: `urn:altinn:party:uuid:${await stack.partyId('emma')}` }, await stack.personToken('hakon'));
    expect(emma.body.data?.party).toMatchObject({ urn: `urn:altinn:person:identifier-no:${EMMA}`, nationalIdentityNumber: EMMA });
  });

  it('gives another person, who may not act for her, only the uuid URN', async () => {
    const kari = await stack.partyId('kari');
    const res = await stack.graphql(PARTY, { urn: `urn:altinn:party:uuid:${kari}` }, await stack.personToken('astrid'));
    expect(res.body.data?.party?.urn).toBe(`urn:altinn:party:uuid:${kari}`);
    expect(JSON.stringify(res.body)).not.toContain(KARI);
  });

  it('stores party ids that are not the SHA-1 of the number, story and bulk data alike', async () => {
    await seedSynthetic(stack.database, { persons: 1_000, organizations: 100, seed: 5 });
    const rows = await stack.database.db.select().from(parties);
    expect(rows.length).toBeGreaterThan(1_000 + story.persons.length);
    for (const r of rows) expect(r.id).not.toBe(legacyPartyUuid((r.nationalIdentityNumber ?? r.organizationNumber)!));
    expect(await stack.partyId('kari')).not.toBe(legacyPartyUuid(KARI));
  });

  it('looks the viewer’s party up: a valid number the register lacks gains no party', async () => {
    const stranger = await stack.token({ pid: '01018010018' });
    const res = await stack.graphql(`{ me { id } }`, {}, stranger);
    expect(res.body.data?.me).toBeNull();
    const kari = await stack.graphql(`{ me { id } }`, {}, await stack.personToken('kari'));
    expect(kari.body.data?.me?.id).toBe(await stack.partyId('kari'));
  });
});
