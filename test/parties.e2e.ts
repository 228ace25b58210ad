import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStoryIds, partyUuid } from './support/story-ids';
import { startTestStack, type TestStack } from './support/stack';
import { contractOperation } from './support/contract';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await loadStoryIds(stack);
});
afterAll(() => stack?.close());

const PARTY_BY_URN = contractOperation('PartyByUrn');
const ME = contractOperation('Me');

describe('parties through the router', () => {
  it('answers Me for a dev person token', async () => {
    const { status, body } = await stack.graphql(ME, {}, await stack.personToken('kari'));
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { me: { id: partyUuid('17857210042'), urn: 'urn:altinn:person:identifier-no:17857210042', type: 'PERSON', name: 'KARI NORDMANN' } },
    });
  });

  it('answers Me for an organisation token from a story client', async () => {
    const { body } = await stack.graphql(ME, {}, await stack.token({ client: 'banken-system' }));
    expect(body.data?.me).toMatchObject({ urn: 'urn:altinn:organization:identifier-no:310000108', type: 'ORGANIZATION', name: 'BANKEN AS' });
  });

  it('finds an organisation with its subunits, and a subunit with its parent', async () => {
    const token = await stack.personToken('hakon');
    const main = await stack.graphql(PARTY_BY_URN, { urn: 'urn:altinn:organization:identifier-no:310000507' }, token);
    expect(main.body.data?.party).toEqual({
      id: partyUuid('310000507'),
      urn: 'urn:altinn:organization:identifier-no:310000507',
      type: 'ORGANIZATION',
      name: 'TRANA BYGG AS',
      organizationNumber: '310000507',
      parent: null,
      subunits: [{ urn: 'urn:altinn:organization:identifier-no:310000604', name: 'TRANA BYGG AS AVD STEINKJER' }],
    });
    const sub = await stack.graphql(PARTY_BY_URN, { urn: `urn:altinn:party:uuid:${partyUuid('310000604')}` }, token);
    expect(sub.body.data?.party.parent).toEqual({ urn: 'urn:altinn:organization:identifier-no:310000507', name: 'TRANA BYGG AS' });
  });

  it('gives persons no organisation number', async () => {
    const { body } = await stack.graphql(PARTY_BY_URN, { urn: 'urn:altinn:person:identifier-no:12888510018' }, await stack.personToken('kari'));
    expect(body.data?.party).toMatchObject({ name: 'HÅKON TRANA', type: 'PERSON', organizationNumber: null, subunits: [] });
  });

  it('refuses a request with no token as UNAUTHENTICATED', async () => {
    const { body } = await stack.graphql(ME);
    expect(body.data?.me).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged or garbled token as UNAUTHENTICATED with 401', async () => {
    const good = await stack.personToken('kari');
    const [h, p] = good.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ pid: '12888510018', iss: `${stack.publicUrl}/dev` })).toString('base64url');
    for (const bad of [`${h}.${forgedPayload}.${good.split('.')[2]}`, 'not-a-jwt', `${h}.${p}.`]) {
      const res = await stack.graphql(ME, {}, bad);
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it.each([
    ['urn:altinn:person:identifier-no:17857210043', 'control digit'],
    ['urn:altinn:person:identifier-no:1785721004', '11 digits'],
    ['urn:altinn:organization:identifier-no:310000508', 'control digit'],
    ['urn:altinn:party:uuid:nope', 'not a UUID'],
    ['urn:altinn:something:else', 'a party URN starts with'],
  ])('rejects the malformed URN %s as BAD_USER_INPUT naming the problem', async (urn, problem) => {
    const { body } = await stack.graphql(PARTY_BY_URN, { urn }, await stack.personToken('kari'));
    expect(body.data?.party).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toContain(problem);
  });

  it('answers null, and nothing else, for a valid URN of an unknown party', async () => {
    const { body } = await stack.graphql(PARTY_BY_URN, { urn: 'urn:altinn:organization:identifier-no:999999999' }, await stack.personToken('kari'));
    expect(body).toEqual({ data: { party: null } });
  });

  it('shows a national identity number to the person and to a parent, not to others', async () => {
    const query = `query($urn: String!) { party(urn: $urn) { name nationalIdentityNumber } }`;
    const emma = { urn: 'urn:altinn:person:identifier-no:09921550062' };
    const own = await stack.graphql(query, emma, await stack.personToken('emma'));
    expect(own.body.data?.party.nationalIdentityNumber).toBe('09921550062');
    const parent = await stack.graphql(query, emma, await stack.personToken('hakon'));
    expect(parent.body.data?.party.nationalIdentityNumber).toBe('09921550062');
    const stranger = await stack.graphql(query, emma, await stack.personToken('kari'));
    expect(stranger.body.data?.party).toEqual({ name: 'EMMA TRANA', nationalIdentityNumber: null });
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses fields nobody wrote a rule for (deny by default)', async () => {
    const { body } = await stack.graphql(`{ _service { sdl } }`, {}, await stack.personToken('kari'));
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
