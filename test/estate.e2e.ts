import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, errorOf, orgUrn, personUrn, URN } from './support/consents';
import { contractOperation } from './support/contract';
import { accredit, byCode, HARVEST } from './support/evidence';
import { startTestStack, type TestStack } from './support/stack';

// The seed's "samtykke fra arvinger til å innhente data om dødsbo": OLAV DAHL died on 2 October 2026; MARTE and
// JONAS DAHL are his heirs (FREG role ARVING from the estate). ADVOKATFIRMAET LOVDAL AS settles the estate and asks
// Skatteetaten for the estate's assets and debts (DodsboOpplysninger), which needs consent on the estate's behalf.
// Each heir consents alone, within the mandate the role gives (the estate's data, nothing else of OLAV's).
const OLAV = personUrn('03864110281');
const MARTE = personUrn('21826810006');
const JONAS = personUrn('08907010067');
const LOVDAL = orgUrn('310001309');
const REDIRECT = 'https://lovdal.example/samtykke/retur';
const DODSBO_PACKAGE = 'urn:altinn:accesspackage:innbygger-dodsbo';

const AUTHORIZE = contractOperation('Authorize');
const ESTATE = contractOperation('Estate');

let stack: TestStack;
let t: Record<'lovdal' | 'banken' | 'skatteetaten' | 'marte' | 'jonas' | 'kari', string>;
beforeAll(async () => {
  stack = await startTestStack();
  const [lovdal, banken, skatteetaten, marte, jonas, kari] = await Promise.all([
    stack.token({ client: 'lovdal-system' }),
    stack.token({ client: 'banken-system' }),
    stack.token({ client: 'skatteetaten-system' }),
    stack.personToken('marte'),
    stack.personToken('jonas'),
    stack.personToken('kari'),
  ]);
  t = { lovdal, banken, skatteetaten, marte, jonas, kari };
});
afterAll(() => stack?.close());

const estateInput = { subject: OLAV, serviceContext: 'dodsbo', consentRedirectUrl: REDIRECT, evidenceCodes: [{ code: 'DodsboOpplysninger' }] };

async function decisions(requests: { subject: string; party: string; resource: string; action: string }[], token = t.skatteetaten) {
  const { body } = await stack.graphql(AUTHORIZE, { requests }, token);
  expect(body.errors).toBeUndefined();
  return body.data.authorize as { decision: string; reasons: { source: string; via: string }[] }[];
}

describe('the estate in the register', () => {
  it('shows an heir the estate with its date of death', async () => {
    const { body } = await stack.graphql(ESTATE, { urn: OLAV }, t.marte);
    expect(body.errors).toBeUndefined();
    expect(body.data.party).toMatchObject({ urn: OLAV, name: 'OLAV DAHL', dateOfDeath: '2026-10-02', evidenceRetrievals: [] });
  });

  it('refuses the date of death and the retrieval log to a third person', async () => {
    const { body } = await stack.graphql(ESTATE, { urn: OLAV }, t.kari);
    expect(body.data.party).toMatchObject({ name: 'OLAV DAHL', dateOfDeath: null, evidenceRetrievals: null });
    expect(new Set(body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
  });

  it('permits each heir to consent for the estate to its data, by the heir package, and nothing else of the deceased', async () => {
    const ask = (subject: string, resource: string) => ({ subject, party: OLAV, resource, action: 'consent' });
    const answers = await decisions([
      ask(MARTE, 'ske-dodsbo-opplysninger'),
      ask(JONAS, 'ske-dodsbo-opplysninger'),
      ask(URN.kari, 'ske-dodsbo-opplysninger'),
    ]);
    expect(answers.map((a) => a.decision)).toEqual(['PERMIT', 'PERMIT', 'DENY']);
    expect(answers[0]!.reasons).toEqual([{ source: 'ACCESS_PACKAGE', via: DODSBO_PACKAGE }]);
    expect(answers[1]!.reasons).toEqual([{ source: 'ACCESS_PACKAGE', via: DODSBO_PACKAGE }]);
    // Skatteetaten asks only about its own resources: MARTE asks about another agency's herself.
    const [other] = await decisions([ask(MARTE, 'lanekassen-studielan-saldo')], t.marte);
    expect(other).toMatchObject({ decision: 'DENY', reasons: [] });
  });
});

describe('LOVDAL asks for the estate’s data; the heirs consent, each within the mandate', () => {
  let first: { id: string; consentId: string };
  let second: { id: string; consentId: string };

  it('creates an accreditation about the estate that waits for consent under the estate text', async () => {
    const acc = await accredit(stack, estateInput, t.lovdal);
    expect(acc.evidence).toEqual([{ code: 'DodsboOpplysninger', status: 'PENDING_CONSENT' }]);
    expect(acc.consentRequests).toEqual([{ id: expect.any(String), status: 'CREATED' }]);
    first = { id: acc.id, consentId: acc.consentRequests[0]!.id };
    const read = await stack.graphql(
      `query($id: ID!) { consentRequest(id: $id) { from { urn } to { urn } template { id } text: template { renderedText(lang: "nb") } } }`,
      { id: first.consentId },
      t.marte,
    );
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.consentRequest).toMatchObject({ from: { urn: OLAV }, to: { urn: LOVDAL }, template: { id: 'dodsbo' } });
    expect(read.body.data.consentRequest.text.renderedText).toContain('dødsboet etter OLAV DAHL');
  });

  it('gives no values before an heir has consented', async () => {
    const { body } = await stack.graphql(HARVEST, { id: first.id }, t.lovdal);
    expect(body.data.accreditation.evidence).toEqual([
      expect.objectContaining({ code: 'DodsboOpplysninger', status: 'PENDING_CONSENT', values: null }),
    ]);
  });

  it('does not let a third person see, accept or fetch anything about the estate', async () => {
    const accepted = await stack.graphql(ACCEPT, { id: first.consentId }, t.kari);
    expect(errorOf(accepted.body)?.code).toBe('NOT_FOUND');
    const harvest = await stack.graphql(HARVEST, { id: first.id }, t.kari);
    expect(errorOf(harvest.body)?.code).toBe('FORBIDDEN');
    // Another organisation does not see LOVDAL's accreditation either.
    expect(errorOf((await stack.graphql(HARVEST, { id: first.id }, t.banken)).body)?.code).toBe('NOT_FOUND');
    const still = await stack.graphql(HARVEST, { id: first.id }, t.lovdal);
    expect(still.body.data.accreditation.evidence[0].status).toBe('PENDING_CONSENT');
  });

  it('does not let the deceased answer for himself, whatever a login says', async () => {
    const { body } = await stack.graphql(ACCEPT, { id: first.consentId }, await stack.personToken('olav'));
    expect(errorOf(body)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('deceased') });
  });

  it('lets LOVDAL harvest the estate’s data once MARTE has consented for the estate', async () => {
    const { body } = await stack.graphql(ACCEPT, { id: first.consentId }, t.marte);
    expect(body.errors).toBeUndefined();
    expect(body.data.acceptConsentRequest).toMatchObject({ status: 'ACCEPTED', redirectUrl: expect.stringContaining(REDIRECT) });
    const harvest = await stack.graphql(HARVEST, { id: first.id }, t.lovdal);
    expect(harvest.body.errors).toBeUndefined();
    const ev = byCode(harvest.body.data.accreditation.evidence as { code: string; status: string; values: { name: string; value: number }[] }[]);
    expect(ev.DodsboOpplysninger).toMatchObject({ status: 'AVAILABLE' });
    const values = Object.fromEntries(ev.DodsboOpplysninger!.values.map((v) => [v.name, v.value]));
    expect(Object.keys(values)).toEqual(['bankinnskudd', 'gjeld', 'nettoformue']);
    expect(values.nettoformue).toBe(values.bankinnskudd! - values.gjeld!);
  });

  it('records MARTE as the one who answered for the estate', async () => {
    const { body } = await stack.graphql(
      `query($id: ID!) { consentRequest(id: $id) { status events { type performedBy { urn } } } }`,
      { id: first.consentId },
      t.lovdal,
    );
    expect(body.data.consentRequest.status).toBe('ACCEPTED');
    expect(body.data.consentRequest.events).toContainEqual({ type: 'ACCEPTED', performedBy: { urn: expect.stringMatching(/^urn:altinn:/) } });
  });

  it('lets JONAS consent to a second request alone, and LOVDAL harvest that too', async () => {
    const acc = await accredit(stack, estateInput, t.lovdal);
    second = { id: acc.id, consentId: acc.consentRequests[0]!.id };
    const { body } = await stack.graphql(ACCEPT, { id: second.consentId }, t.jonas);
    expect(body.errors).toBeUndefined();
    expect(body.data.acceptConsentRequest.status).toBe('ACCEPTED');
    const harvest = await stack.graphql(HARVEST, { id: second.id }, t.lovdal);
    expect(harvest.body.data.accreditation.evidence).toEqual([expect.objectContaining({ code: 'DodsboOpplysninger', status: 'AVAILABLE' })]);
  });

  it('shows both heirs who fetched what about the estate, and still nothing to a third person', async () => {
    for (const heir of [t.marte, t.jonas]) {
      const { body } = await stack.graphql(ESTATE, { urn: OLAV }, heir);
      expect(body.errors).toBeUndefined();
      const retrievals = body.data.party.evidenceRetrievals as {
        code: string;
        status: string;
        requestor: { name: string };
        accreditationId: string;
      }[];
      expect(
        retrievals
          .filter((r) => r.status === 'AVAILABLE')
          .map((r) => r.accreditationId)
          .sort(),
      ).toEqual([first.id, second.id].sort());
      expect(retrievals.every((r) => r.code === 'DodsboOpplysninger' && r.requestor.name === 'ADVOKATFIRMAET LOVDAL AS')).toBe(true);
    }
    const { body } = await stack.graphql(ESTATE, { urn: OLAV }, t.kari);
    expect(body.data.party.evidenceRetrievals).toBeNull();
  });
});

describe('LOVDAL asks for the heirs together: the request waits for every heir', () => {
  const JOINT = contractOperation('JointConsentStatus');
  let acc: { id: string; consentId: string };

  it('creates a joint request that names both heirs as awaited', async () => {
    const made = await accredit(stack, { ...estateInput, consentJointly: true }, t.lovdal);
    acc = { id: made.id, consentId: made.consentRequests[0]!.id };
    const { body } = await stack.graphql(JOINT, { id: acc.consentId }, t.lovdal);
    expect(body.errors).toBeUndefined();
    expect(body.data.consentRequest).toMatchObject({ status: 'CREATED', jointly: true, jointAcceptance: { accepted: [] } });
    expect(body.data.consentRequest.jointAcceptance.awaiting.map((p: { name: string }) => p.name).sort()).toEqual(['JONAS DAHL', 'MARTE DAHL']);
  });

  it('keeps the request CREATED after MARTE alone, sends her back with status=PENDING and no code, and gives LOVDAL nothing yet', async () => {
    const { body } = await stack.graphql(ACCEPT, { id: acc.consentId, state: 's1' }, t.marte);
    expect(body.errors).toBeUndefined();
    expect(body.data.acceptConsentRequest.status).toBe('CREATED');
    const redirect = new URL(body.data.acceptConsentRequest.redirectUrl);
    expect(Object.fromEntries(redirect.searchParams)).toEqual({ status: 'PENDING', state: 's1' });
    const harvest = await stack.graphql(HARVEST, { id: acc.id }, t.lovdal);
    expect(harvest.body.data.accreditation.evidence).toEqual([expect.objectContaining({ status: 'PENDING_CONSENT', values: null })]);
    const read = await stack.graphql(JOINT, { id: acc.consentId }, t.lovdal);
    expect(read.body.data.consentRequest.jointAcceptance.accepted).toEqual([
      { party: { urn: expect.any(String), name: 'MARTE DAHL' }, acceptedAt: expect.any(String) },
    ]);
    expect(read.body.data.consentRequest.jointAcceptance.awaiting.map((p: { name: string }) => p.name)).toEqual(['JONAS DAHL']);
  });

  it('does not count a third person, nor MARTE twice', async () => {
    expect(errorOf((await stack.graphql(ACCEPT, { id: acc.consentId }, t.kari)).body)?.code).toBe('NOT_FOUND');
    const again = await stack.graphql(ACCEPT, { id: acc.consentId }, t.marte);
    expect(again.body.data.acceptConsentRequest.status).toBe('CREATED');
    const read = await stack.graphql(JOINT, { id: acc.consentId }, t.marte);
    expect(read.body.data.consentRequest.jointAcceptance.accepted).toHaveLength(1);
  });

  it('accepts at JONAS’s acceptance, with a code, and LOVDAL harvests the estate’s data', async () => {
    const { body } = await stack.graphql(ACCEPT, { id: acc.consentId }, t.jonas);
    expect(body.errors).toBeUndefined();
    expect(body.data.acceptConsentRequest.status).toBe('ACCEPTED');
    expect(new URL(body.data.acceptConsentRequest.redirectUrl).searchParams.get('code')).toEqual(expect.any(String));
    const read = await stack.graphql(JOINT, { id: acc.consentId }, t.jonas);
    expect(read.body.data.consentRequest).toMatchObject({ status: 'ACCEPTED', jointAcceptance: { awaiting: [] } });
    expect(read.body.data.consentRequest.jointAcceptance.accepted).toHaveLength(2);
    const harvest = await stack.graphql(HARVEST, { id: acc.id }, t.lovdal);
    expect(harvest.body.data.accreditation.evidence).toEqual([expect.objectContaining({ code: 'DodsboOpplysninger', status: 'AVAILABLE' })]);
  });

  it('counts each heir once and turns ACCEPTED once when 20 acceptances race (10 by each heir)', async () => {
    const made = await accredit(stack, { ...estateInput, consentJointly: true }, t.lovdal);
    const consentId = made.consentRequests[0]!.id;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => stack.graphql(ACCEPT, { id: consentId }, i % 2 ? t.jonas : t.marte)));
    for (const { body } of answers) expect(body.errors).toBeUndefined();
    // One transition to ACCEPTED (one event), however many answers came after it (each gets a code of its own).
    const events = await stack.graphql('query($id: ID!) { consentRequest(id: $id) { events { type } } }', { id: consentId }, t.lovdal);
    expect(events.body.data.consentRequest.events.filter((e: { type: string }) => e.type === 'ACCEPTED')).toHaveLength(1);
    const read = await stack.graphql(JOINT, { id: consentId }, t.lovdal);
    expect(read.body.data.consentRequest).toMatchObject({ status: 'ACCEPTED', jointAcceptance: { awaiting: [] } });
    expect(read.body.data.consentRequest.jointAcceptance.accepted).toHaveLength(2);
  });

  it('is rejected as soon as one heir rejects', async () => {
    const made = await accredit(stack, { ...estateInput, consentJointly: true }, t.lovdal);
    const id = made.consentRequests[0]!.id;
    await stack.graphql(ACCEPT, { id }, t.marte);
    const { body } = await stack.graphql(contractOperation('RejectConsentRequest'), { id }, t.jonas);
    expect(body.data.rejectConsentRequest.status).toBe('REJECTED');
    expect(errorOf((await stack.graphql(ACCEPT, { id }, t.marte)).body)?.code).toBe('CONFLICT');
  });
});
