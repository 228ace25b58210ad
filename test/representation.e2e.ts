import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, CREATE, errorOf, inSeconds, orgUrn, personUrn, URN } from './support/consents';
import { contractOperation } from './support/contract';
import { startTestStack, type TestStack } from './support/stack';

// A lawyer's representation of a client within a matter area: INGRID LOVDAL (general manager of ADVOKATFIRMAET
// LOVDAL AS) holds the register role ADVOKAT-SKATT (Advokattilsynet's lawyers' register) for HÅKON TRANA. The role
// grants one package, the tax matter area (urn:altinn:accesspackage:innbygger-skatt-advokat): she acts for HÅKON
// there, and nowhere else, and for no one else.
const INGRID = personUrn('14917810029');
const LOVDAL = orgUrn('310001309');
const TAX_PACKAGE = 'urn:altinn:accesspackage:innbygger-skatt-advokat';
const ADVOKAT_SKATT = 'urn:altinn:external-role:advokattilsynet:advokat-skattesak';

const AUTHORIZE = contractOperation('Authorize');
const MY_ACCESS = contractOperation('MyAccess');

let stack: TestStack;
let skatteetaten: string;
let ingrid: string;
beforeAll(async () => {
  stack = await startTestStack();
  [skatteetaten, ingrid] = await Promise.all([stack.token({ client: 'skatteetaten-system' }), stack.personToken('ingrid')]);
});
afterAll(() => stack?.close());

type Answer = { decision: string; reasons: { source: string; via: string }[]; obligations: { minimumAuthenticationLevel: number | null } };
async function authorize(requests: { subject: string; party: string; resource: string; action: string }[], token = skatteetaten) {
  const { body } = await stack.graphql(AUTHORIZE, { requests }, token);
  expect(body.errors).toBeUndefined();
  return body.data.authorize as Answer[];
}
const ask = (party: string, resource: string, action: string, subject: string = INGRID) => ({ subject, party, resource, action });

describe('the lawyer acts for the client within the matter area', () => {
  it('permits INGRID to read, write and sign HÅKON’s tax complaint, naming the tax package as the path', async () => {
    const answers = await authorize(['read', 'write', 'sign'].map((action) => ask(URN.hakon, 'ske-skatteklage', action)));
    for (const a of answers) {
      expect(a).toEqual({
        decision: 'PERMIT',
        reasons: [{ source: 'ACCESS_PACKAGE', via: TAX_PACKAGE }],
        obligations: { minimumAuthenticationLevel: 3 },
      });
    }
  });

  it('denies her HÅKON’s matters outside the tax area (banking, his child’s school data), asked by herself', async () => {
    // Skatteetaten asks only about its own resources: INGRID asks about herself, which needs no scope.
    const answers = await authorize(
      [ask(URN.hakon, 'lanekassen-studielan-saldo', 'consent'), ask(URN.hakon, 'digilaer-personopplysninger', 'consent')],
      ingrid,
    );
    expect(answers.map((a) => [a.decision, a.reasons])).toEqual([
      ['DENY', []],
      ['DENY', []],
    ]);
  });

  it('denies her the same matter for a person who is not her client, and HÅKON’s company', async () => {
    const answers = await authorize([ask(URN.kari, 'ske-skatteklage', 'write'), ask(URN.tranabygg, 'ske-mva-melding', 'sign')]);
    expect(answers.map((a) => a.decision)).toEqual(['DENY', 'DENY']);
  });

  it('gives no one else HÅKON’s tax matters: the path is the lawyer’s register role alone', async () => {
    const answers = await authorize([ask(URN.hakon, 'ske-skatteklage', 'write', URN.kari), ask(URN.hakon, 'ske-skatteklage', 'write', URN.arian)]);
    expect(answers.map((a) => a.decision)).toEqual(['DENY', 'DENY']);
  });

  it('answers INGRID herself, without the decision scope, the same way within the area', async () => {
    const answers = await authorize([ask(URN.hakon, 'ske-skatteklage', 'sign'), ask(URN.kari, 'ske-skatteklage', 'sign')], ingrid);
    expect(answers.map((a) => [a.decision, a.reasons])).toEqual([
      ['PERMIT', [{ source: 'ACCESS_PACKAGE', via: TAX_PACKAGE }]],
      ['DENY', []],
    ]);
  });
});

describe('the client relationship as the lawyer sees it', () => {
  it('lists the register role for HÅKON and HÅKON among the parties she may act for', async () => {
    const { body } = await stack.graphql(MY_ACCESS, {}, ingrid);
    expect(body.errors).toBeUndefined();
    const me = body.data.me as {
      rolesHeld: { role: { code: string; urn: string }; from: { urn: string; name: string } }[];
      authorizedParties: { urn: string; name: string }[];
    };
    expect(me.rolesHeld).toEqual(
      expect.arrayContaining([
        { role: { code: 'ADVOKAT-SKATT', urn: ADVOKAT_SKATT }, from: { urn: URN.hakon, name: 'HÅKON TRANA' } },
        { role: { code: 'DAGL', urn: 'urn:altinn:external-role:ccr:daglig-leder' }, from: { urn: LOVDAL, name: 'ADVOKATFIRMAET LOVDAL AS' } },
      ]),
    );
    expect(me.authorizedParties.map((p) => p.name).sort()).toEqual(['ADVOKATFIRMAET LOVDAL AS', 'HÅKON TRANA']);
  });

  it('shows the role in the catalogue under the lawyers’ register', async () => {
    const { body } = await stack.graphql(`{ roles { code provider } }`, {}, ingrid);
    expect(body.data.roles).toContainEqual({ code: 'ADVOKAT-SKATT', provider: 'ADVOKATTILSYNET' });
  });

  it('does not let her consent for HÅKON outside the tax area', async () => {
    const banken = await stack.token({ client: 'banken-system' });
    const input = {
      from: URN.hakon,
      validTo: inSeconds(3600),
      rights: [{ resource: 'lanekassen-studielan-saldo' }],
      redirectUrl: 'https://banken.example/samtykke/retur',
    };
    const created = await stack.graphql(CREATE, { input }, banken);
    expect(created.body.errors).toBeUndefined();
    const { body } = await stack.graphql(ACCEPT, { id: created.body.data.createConsentRequest.id }, ingrid);
    // Her relationship with HÅKON does not cover the request, so to her it does not exist.
    expect(errorOf(body)?.code).toBe('NOT_FOUND');
  });
});
