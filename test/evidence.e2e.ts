import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, errorOf, URN } from './support/consents';
import { accredit, byCode, EVIDENCE_CODES, HARVEST, MY_RETRIEVALS, sblInput } from './support/evidence';
import { startTestStack, type TestStack } from './support/stack';

let stack: TestStack;
let banken: string;
let kommune: string;
let hakon: string;
beforeAll(async () => {
  stack = await startTestStack();
  [banken, kommune, hakon] = await Promise.all([
    stack.token({ client: 'banken-system' }),
    stack.token({ client: 'kommune-system' }),
    stack.personToken('hakon'),
  ]);
});
afterAll(() => stack?.close());

describe('the evidence catalogue', () => {
  it('lists the codes of sbl with their source and requirement', async () => {
    const { body } = await stack.graphql(EVIDENCE_CODES, { serviceContext: 'sbl' }, banken);
    expect(body.errors).toBeUndefined();
    expect(body.data.evidenceCodes.map((c: { name: string }) => c.name)).toEqual(['AapUforetrygd', 'StudielanSaldo', 'SummertSkattegrunnlag']);
    expect(byCode(body.data.evidenceCodes.map((c: { name: string }) => ({ ...c, code: c.name }))).SummertSkattegrunnlag).toMatchObject({
      requirement: 'CONSENT',
      source: { urn: URN.skatteetaten, name: 'SKATTEETATEN' },
      parameters: [{ name: 'inntektsaar', type: 'NUMBER', required: true }],
    });
  });

  it('is for organisations only', async () => {
    const { body } = await stack.graphql(EVIDENCE_CODES, {}, hakon);
    expect(errorOf(body)?.code).toBe('FORBIDDEN');
  });
});

describe('BANKEN accredits HÅKON in sbl', () => {
  let id: string;
  let consentIds: string[];

  it('creates the accreditation with consent asked for every code', async () => {
    const acc = await accredit(stack, sblInput(URN.hakon), banken);
    id = acc.id;
    consentIds = acc.consentRequests.map((c) => c.id);
    expect(acc.consentRequest).toMatchObject({ status: 'CREATED', viewUrl: expect.stringContaining('/consent/request?id=') });
    // One consent request covers all three (under the loan-application text: `default` yields to `sblanesoknad`).
    expect(consentIds.length).toBe(1);
    const read = await stack.graphql(
      `query($id: ID!) { consentRequest(id: $id) { template { id } rights { resource { id } } } }`,
      { id: consentIds[0] },
      banken,
    );
    expect(read.body.data.consentRequest.template.id).toBe('sblanesoknad');
    expect(read.body.data.consentRequest.rights.map((r: { resource: { id: string } }) => r.resource.id).sort()).toEqual([
      'lanekassen-studielan-saldo',
      'nav-aap-uforetrygd',
      'ske-inntekt-skattegrunnlag',
    ]);
    expect(acc.evidence.map((e) => e.status)).toEqual(['PENDING_CONSENT', 'PENDING_CONSENT', 'PENDING_CONSENT']);
  });

  it('gives PENDING_CONSENT and no values before HÅKON answers', async () => {
    const { body } = await stack.graphql(HARVEST, { id }, banken);
    expect(body.errors).toBeUndefined();
    for (const e of body.data.accreditation.evidence) expect(e).toMatchObject({ status: 'PENDING_CONSENT', values: null });
  });

  it('hides the accreditation from anyone but the requestor', async () => {
    const { body } = await stack.graphql(HARVEST, { id }, kommune);
    expect(errorOf(body)?.code).toBe('NOT_FOUND');
  });

  it('harvests all three with values once HÅKON has accepted', async () => {
    for (const consentId of consentIds) {
      const { body } = await stack.graphql(ACCEPT, { id: consentId }, hakon);
      expect(body.errors).toBeUndefined();
    }
    const { body } = await stack.graphql(HARVEST, { id }, banken);
    expect(body.errors).toBeUndefined();
    const ev = byCode(body.data.accreditation.evidence as { code: string; status: string; values: { name: string; value: unknown }[] }[]);
    for (const code of ['SummertSkattegrunnlag', 'StudielanSaldo', 'AapUforetrygd']) expect(ev[code]).toMatchObject({ status: 'AVAILABLE' });
    expect(ev.SummertSkattegrunnlag!.values.map((v) => v.name)).toEqual(['inntektsaar', 'samletInntekt', 'nettoformue']);
    expect(ev.SummertSkattegrunnlag!.values[0]).toMatchObject({ type: 'NUMBER', value: 2024 });
    expect(ev.StudielanSaldo!.values).toEqual([{ name: 'saldo', type: 'AMOUNT', value: expect.any(Number) }]);
    expect(ev.AapUforetrygd!.values.map((v) => v.name)).toEqual(['mottarAap', 'uforegrad']);
  });

  it('uses up the one-time student-loan right only (the consent stays ACCEPTED), and refuses a second harvest of StudielanSaldo', async () => {
    const statuses = await stack.graphql(`query($id: ID!) { accreditation(id: $id) { consentRequests { id status } } }`, { id }, banken);
    expect(statuses.body.data.accreditation.consentRequests).toEqual([{ id: consentIds[0], status: 'ACCEPTED' }]);
    const { body } = await stack.graphql(HARVEST, { id, code: 'StudielanSaldo' }, banken);
    expect(body.errors).toBeUndefined();
    expect(body.data.accreditation.evidence).toEqual([
      expect.objectContaining({
        code: 'StudielanSaldo',
        status: 'DENIED',
        values: null,
        reason: expect.stringMatching(/one-time right to lanekassen-studielan-saldo was already used/),
      }),
    ]);
  });

  it('shows HÅKON who has retrieved what about him', async () => {
    const { body } = await stack.graphql(MY_RETRIEVALS, {}, hakon);
    expect(body.errors).toBeUndefined();
    const mine = body.data.me.evidenceRetrievals as {
      code: string;
      status: string;
      requestor: { urn: string; name: string };
      accreditationId: string;
    }[];
    expect(
      mine
        .filter((r) => r.status === 'AVAILABLE')
        .map((r) => r.code)
        .sort(),
    ).toEqual(['AapUforetrygd', 'StudielanSaldo', 'SummertSkattegrunnlag']);
    expect(mine.every((r) => r.requestor.name === 'BANKEN AS' && r.accreditationId === id)).toBe(true);
    expect(body.data.me.accreditationsAboutMe).toEqual([{ id, requestor: { name: 'BANKEN AS' } }]);
  });

  it('does not let BANKEN read HÅKON’s retrieval log', async () => {
    const { body } = await stack.graphql(`query($urn: String!) { party(urn: $urn) { evidenceRetrievals { code } } }`, { urn: URN.hakon }, banken);
    expect(errorOf(body)?.code).toBe('FORBIDDEN');
  });
});

describe('TESTKOMMUNE accredits TRANA BYGG in ebevis on a legal basis', () => {
  const input = {
    subject: URN.tranabygg,
    serviceContext: 'ebevis',
    evidenceCodes: [{ code: 'Restanser', legalBasis: 'anskaffelsesforskriften-24-2' }, { code: 'KonkursStatus' }],
  };

  it('harvests both without any consent', async () => {
    const acc = await accredit(stack, input, kommune);
    expect(acc.consentRequest).toBeNull();
    expect(acc.evidence.map((e) => e.status)).toEqual(['AVAILABLE', 'AVAILABLE']);
    const { body } = await stack.graphql(HARVEST, { id: acc.id }, kommune);
    expect(body.errors).toBeUndefined();
    const ev = byCode(body.data.accreditation.evidence as { code: string; values: { name: string }[] }[]);
    expect(ev.Restanser).toMatchObject({ status: 'AVAILABLE', values: [{ name: 'harRestanser' }, { name: 'sumRestanser' }] });
    expect(ev.KonkursStatus).toMatchObject({ status: 'AVAILABLE', values: [{ name: 'erKonkurs' }, { name: 'underAvvikling' }] });
  });

  it('gives the same values for the same question', async () => {
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        stack.graphql(
          `query($s: String!) { openEvidence(subject: $s, code: "KonkursStatus") { status values { name value } } }`,
          { s: URN.tranabygg },
          banken,
        ),
      ),
    );
    expect(a!.body.errors).toBeUndefined();
    expect(a!.body.data.openEvidence.status).toBe('AVAILABLE');
    expect(a!.body.data).toEqual(b!.body.data);
  });

  it('asks for a legal basis or consent for Restanser', async () => {
    const { body } = await stack.graphql(
      `mutation($i: CreateAccreditationInput!) { createAccreditation(input: $i) { id } }`,
      { i: { ...input, evidenceCodes: [{ code: 'Restanser' }] } },
      kommune,
    );
    expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.consentRedirectUrl' });
  });

  it('refuses BANKEN AS, not a public agency, in ebevis', async () => {
    const withScope = await stack.token({ org: '310000108', scope: 'altinn:dataaltinnno/ebevis' });
    const { body } = await stack.graphql(
      `mutation($i: CreateAccreditationInput!) { createAccreditation(input: $i) { id } }`,
      { i: input },
      withScope,
    );
    expect(errorOf(body)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('BANKEN AS is not a public agency') });
    const plain = await stack.graphql(`mutation($i: CreateAccreditationInput!) { createAccreditation(input: $i) { id } }`, { i: input }, banken);
    expect(errorOf(plain.body)?.code).toBe('FORBIDDEN');
  });

  it('checks the parameters of a code', async () => {
    const { body } = await stack.graphql(
      `mutation($i: CreateAccreditationInput!) { createAccreditation(input: $i) { id } }`,
      { i: { ...sblInput(URN.hakon), evidenceCodes: [{ code: 'SummertSkattegrunnlag', parameters: { inntektsaar: 'i fjor' } }] } },
      banken,
    );
    expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('inntektsaar must be a NUMBER') });
  });
});
