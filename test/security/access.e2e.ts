import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, CREATE, errorOf, inSeconds, READ, REJECT, storyTokens, URN } from '../support/consents';
import { CREATE_ACCREDITATION } from '../support/evidence';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let t: Awaited<ReturnType<typeof storyTokens>>;
let kommune: string;
let astrid: string;
beforeAll(async () => {
  stack = await startTestStack();
  [t, kommune, astrid] = await Promise.all([storyTokens(stack), stack.token({ client: 'kommune-system' }), stack.personToken('astrid')]);
});
afterAll(() => stack?.close());

const REDIRECT = 'https://banken.example/samtykke/retur';
const income = [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }];
const nav = [{ resource: 'nav-aap-uforetrygd' }];

async function ask(input: Record<string, unknown>, token = t.banken): Promise<string> {
  const { body } = await stack.graphql(CREATE, { input: { validTo: inSeconds(3600), redirectUrl: REDIRECT, ...input } }, token);
  expect(body.errors).toBeUndefined();
  return body.data.createConsentRequest.id;
}
const accept = async (id: string, token: string) => {
  const { body } = await stack.graphql(ACCEPT, { id }, token);
  expect(body.errors).toBeUndefined();
};

describe('least privilege: a relationship gives only what it covers', () => {
  it('does not show ARIAN, guardian of ASTRID for banking, her consent to NAV’s data, its events or log entries', async () => {
    const navId = await ask({ from: URN.astrid, rights: nav });
    const incomeId = await ask({ from: URN.astrid, rights: income });
    await accept(navId, astrid);
    await accept(incomeId, t.arian);

    const read = await stack.graphql(READ, { id: navId }, t.arian);
    expect(read.body.data?.consentRequest ?? null).toBeNull();
    expect(errorOf(read.body)?.code).toBe('NOT_FOUND');
    expect(errorOf((await stack.graphql(REJECT, { id: navId }, t.arian)).body)?.code).toBe('NOT_FOUND');

    const query = `query($urn: String!) { party(urn: $urn) { consentsGiven { id } consentLog { type consent { id } } } }`;
    const { body } = await stack.graphql(query, { urn: URN.astrid }, t.arian);
    expect(body.errors).toBeUndefined();
    expect(body.data.party.consentsGiven.map((c: { id: string }) => c.id)).toEqual([incomeId]);
    expect([...new Set(body.data.party.consentLog.map((e: { consent: { id: string } }) => e.consent.id))]).toEqual([incomeId]);
    // ASTRID herself still sees both.
    const own = await stack.graphql(query, { urn: URN.astrid }, astrid);
    expect(own.body.data.party.consentsGiven.map((c: { id: string }) => c.id).sort()).toEqual([navId, incomeId].sort());
  });

  it('does not show ARIAN, with one read delegation from TRANA BYGG AS, its delegations and role holders', async () => {
    const DELEGATE = `mutation($input: DelegateInput!) { delegate(input: $input) { id } }`;
    const mine = await stack.graphql(
      DELEGATE,
      { input: { from: URN.tranabygg, to: URN.arian, resource: 'ske-mva-melding', actions: ['read'] } },
      t.kari,
    );
    expect(mine.body.errors).toBeUndefined();
    const other = await stack.graphql(
      DELEGATE,
      { input: { from: URN.tranabygg, to: URN.hakon, resource: 'ske-mva-melding', actions: ['write'] } },
      t.kari,
    );
    expect(other.body.errors).toBeUndefined();

    for (const field of ['delegationsGiven { id }', 'roleHolders { role { code } }', 'accessRequestsReceived { id }']) {
      const { body } = await stack.graphql(`query($urn: String!) { party(urn: $urn) { ${field} } }`, { urn: URN.tranabygg }, t.arian);
      expect(body.data?.party, field).toEqual({ [field.split(' ')[0]!]: null });
      expect(errorOf(body), field).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('administrators') });
    }
    // He still sees what he received; KARI, who administers TRANA BYGG AS, sees both delegations and the role holders.
    const received = await stack.graphql(`{ me { delegationsReceived { id } } }`, {}, t.arian);
    expect(received.body.data.me.delegationsReceived).toEqual([{ id: mine.body.data.delegate.id }]);
    const given = await stack.graphql(
      `query($urn: String!) { party(urn: $urn) { delegationsGiven { id } roleHolders { role { code } } } }`,
      { urn: URN.tranabygg },
      t.kari,
    );
    expect(given.body.errors).toBeUndefined();
    expect(given.body.data.party.delegationsGiven.map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining([mine.body.data.delegate.id, other.body.data.delegate.id]),
    );
  });

  it('does not tell SKATTEETATEN about HÅKON’s consent to BANKEN for NAV’s data', async () => {
    const id = await ask({ from: URN.hakon, rights: nav });
    await accept(id, t.hakon);
    const AUTHORIZE = `query($requests: [AuthorizationRequestInput!]!) { authorize(requests: $requests) { decision } }`;
    const about = (resource: string) => ({ subject: URN.banken, party: URN.hakon, resource, action: 'consent' });

    const foreign = await stack.graphql(AUTHORIZE, { requests: [about('ske-inntekt-skattegrunnlag'), about('nav-aap-uforetrygd')] }, t.skatteetaten);
    expect(foreign.body.data?.authorize ?? null).toBeNull();
    expect(errorOf(foreign.body)).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('requests[1].resource: nav-aap-uforetrygd belongs to another organisation'),
    });

    const own = await stack.graphql(AUTHORIZE, { requests: [about('ske-inntekt-skattegrunnlag')] }, t.skatteetaten);
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.authorize[0].decision).not.toBe('PERMIT');
  });
});

describe('legal bases are checked, not any text', () => {
  const restanser = (subject: string, legalBasis: string) => ({
    subject,
    serviceContext: 'ebevis',
    evidenceCodes: [{ code: 'Restanser', legalBasis }],
  });

  it('lists the legal bases Restanser accepts and whom they apply to', async () => {
    const { body } = await stack.graphql(
      `{ evidenceCodes(serviceContext: "ebevis") { name legalBases { id subjects } } serviceContexts { id subjects } }`,
      {},
      kommune,
    );
    expect(body.errors).toBeUndefined();
    const code = body.data.evidenceCodes.find((c: { name: string }) => c.name === 'Restanser');
    expect(code.legalBases).toContainEqual({ id: 'anskaffelsesforskriften-24-2', subjects: ['ORGANIZATION'] });
    expect(body.data.serviceContexts).toContainEqual({ id: 'ebevis', subjects: ['ORGANIZATION'] });
  });

  it('refuses TESTKOMMUNE harvesting a private person’s tax arrears with legalBasis "x"', async () => {
    const made = await stack.graphql(CREATE_ACCREDITATION, { input: restanser(URN.hakon, 'x') }, kommune);
    expect(made.body.data?.createAccreditation ?? null).toBeNull();
    expect(errorOf(made.body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.subject' });
  });

  it('refuses a legal basis the code does not list, naming the ones it does', async () => {
    const { body } = await stack.graphql(CREATE_ACCREDITATION, { input: restanser(URN.tranabygg, 'x') }, kommune);
    expect(errorOf(body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.evidenceCodes[0].legalBasis',
      message: expect.stringContaining('anskaffelsesforskriften-24-2'),
    });
    const ok = await stack.graphql(CREATE_ACCREDITATION, { input: restanser(URN.tranabygg, 'anskaffelsesforskriften-24-2') }, kommune);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.createAccreditation.evidence).toEqual([{ code: 'Restanser', status: 'AVAILABLE' }]);
  });
});

describe('registered redirect URLs', () => {
  const input = (redirectUrl: string) => ({ from: URN.hakon, validTo: inSeconds(3600), rights: income, redirectUrl });

  it.each([
    ['an unregistered https URL', 'https://evil.example/cb'],
    ['a registered URL with a path suffix', 'https://banken.example/samtykke/retur/x'],
    ['a registered URL with a query added', 'https://banken.example/samtykke/retur?next=https://evil.example'],
    ['another client’s URL', 'https://finansiering.example/samtykke/retur'],
  ])('refuses %s as BAD_USER_INPUT', async (_name, redirectUrl) => {
    const { body } = await stack.graphql(CREATE, { input: input(redirectUrl) }, t.banken);
    expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.redirectUrl', message: expect.stringContaining('banken-system') });
  });

  it('accepts the registered URL of the consent flow by hand', async () => {
    const { body } = await stack.graphql(CREATE, { input: input('http://localhost:9999/callback') }, t.banken);
    expect(body.errors).toBeUndefined();
  });

  it('refuses an organisation token whose client is not registered', async () => {
    const token = await stack.token({ org: '310000108', scope: 'altinn:consentrequests.write' });
    const { body } = await stack.graphql(CREATE, { input: input(REDIRECT) }, token);
    expect(errorOf(body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.redirectUrl',
      message: expect.stringContaining('no registered redirect URLs'),
    });
  });

  it('refuses an accreditation whose consent redirect is not registered', async () => {
    const accreditation = {
      subject: URN.hakon,
      serviceContext: 'sbl',
      consentRedirectUrl: 'https://evil.example/cb',
      evidenceCodes: [{ code: 'StudielanSaldo' }],
    };
    const { body } = await stack.graphql(CREATE_ACCREDITATION, { input: accreditation }, t.banken);
    expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.consentRedirectUrl' });
  });
});

describe('children', () => {
  it('does not let EMMA (born 2015) accept or reject a request about herself; HÅKON, her parent, may', async () => {
    const id = await ask({ from: URN.emma, rights: [{ resource: 'digilaer-personopplysninger' }] });
    for (const mutation of [ACCEPT, REJECT]) {
      const { body } = await stack.graphql(mutation, { id }, t.emma);
      expect(errorOf(body)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('under 15') });
    }
    expect((await stack.graphql(READ, { id }, t.emma)).body.data.consentRequest.status).toBe('CREATED');
    await accept(id, t.hakon);
    expect((await stack.graphql(READ, { id }, t.emma)).body.data.consentRequest.status).toBe('ACCEPTED');
  });
});
