import { and, eq } from 'drizzle-orm';
import jsonwebtoken from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvents } from '@hub/db/consents';
import { evidenceRetrievals } from '@hub/db/evidence';
import { ACCEPT, CREATE, errorOf, inSeconds, ISSUE, REPORT_USE, REVOKE, storyTokens, URN } from './support/consents';
import { accredit, byCode, HARVEST, sblInput, STATUSES } from './support/evidence';
import { startTestStack, type TestStack } from './support/stack';

let stack: TestStack;
let t: Awaited<ReturnType<typeof storyTokens>>;
beforeAll(async () => {
  stack = await startTestStack();
  t = await storyTokens(stack);
});
afterAll(() => stack?.close());

const REDIRECT = 'http://localhost:9999/callback';
const STUDENT_LOAN = [{ resource: 'lanekassen-studielan-saldo' }];
const LOG = /* GraphQL */ `
  query Log { me { consentLog { type consent { id } performedBy { urn } resource { id } deliveredTo { urn } } } }`;

type Evidence = { code: string; status: string; reason: string | null; values: { name: string; value: unknown }[] | null };
type LogEntry = {
  type: string;
  consent: { id: string };
  performedBy: { urn: string } | null;
  resource: { id: string } | null;
  deliveredTo: { urn: string } | null;
};

/** BANKEN asks HÅKON for `rights` and HÅKON accepts; returns the consent id and the redirect URL's code. */
async function consented(rights: Record<string, unknown>[]) {
  const created = await stack.graphql(CREATE, { input: { from: URN.hakon, validTo: inSeconds(3600), redirectUrl: REDIRECT, rights } }, t.banken);
  expect(created.body.errors).toBeUndefined();
  const id = created.body.data.createConsentRequest.id as string;
  const accepted = await stack.graphql(ACCEPT, { id }, t.hakon);
  expect(accepted.body.errors).toBeUndefined();
  return { id, code: new URL(accepted.body.data.acceptConsentRequest.redirectUrl).searchParams.get('code')! };
}

/** An sbl accreditation of BANKEN about HÅKON, accepted. */
async function acceptedAccreditation() {
  const acc = await accredit(stack, sblInput(URN.hakon), t.banken);
  const { body } = await stack.graphql(ACCEPT, { id: acc.consentRequests[0]!.id }, t.hakon);
  expect(body.errors).toBeUndefined();
  return { id: acc.id, consentId: acc.consentRequests[0]!.id };
}

const harvest = async (id: string, code?: string, token = t.banken) => {
  const { body } = await stack.graphql(HARVEST, { id, code }, token);
  expect(body.errors).toBeUndefined();
  return body.data.accreditation.evidence as Evidence[];
};
const statuses = async (id: string) => (await stack.graphql(STATUSES, { id }, t.banken)).body.data.accreditation.evidence as Evidence[];
const consentStatus = async (id: string) =>
  (await stack.graphql(`query($id: ID!) { consentRequest(id: $id) { status } }`, { id }, t.banken)).body.data.consentRequest.status as string;
const usedEvents = async (consentId: string) =>
  stack.database.db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.consentId, consentId), eq(consentEvents.type, 'USED')));

describe('a one-time right under concurrency', () => {
  it('gives exactly one of 20 parallel token requests a token', async () => {
    const { id } = await consented(STUDENT_LOAN);
    const sessions = await Promise.all(Array.from({ length: 20 }, () => stack.token({ client: 'banken-system' })));
    const answers = await Promise.all(sessions.map((token) => stack.graphql(ISSUE, { input: { consentId: id } }, token)));
    const tokens = answers.filter((a) => !a.body.errors);
    expect(tokens).toHaveLength(1);
    const refusals = answers.filter((a) => a.body.errors).map((a) => errorOf(a.body));
    expect(refusals).toHaveLength(19);
    for (const r of refusals)
      expect(r).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('one-time right to lanekassen-studielan-saldo') });
  });

  it('delivers the student loan in exactly one of 20 parallel harvests, logged once in each log', async () => {
    const acc = await accredit(stack, { ...sblInput(URN.hakon), evidenceCodes: [{ code: 'StudielanSaldo' }] }, t.banken);
    const consentId = acc.consentRequests[0]!.id;
    expect((await stack.graphql(ACCEPT, { id: consentId }, t.hakon)).body.errors).toBeUndefined();
    // Twenty separate bank sessions: the router would merge identical in-flight requests of one.
    const sessions = await Promise.all(Array.from({ length: 20 }, () => stack.token({ client: 'banken-system' })));
    const results = (await Promise.all(sessions.map((token) => harvest(acc.id, undefined, token)))).flat();
    const delivered = results.filter((r) => r.status === 'AVAILABLE');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.values).toEqual([{ name: 'saldo', type: 'AMOUNT', value: expect.any(Number) }]);
    expect(results.filter((r) => r.values !== null)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 'AVAILABLE'))
      expect(r).toMatchObject({ status: 'DENIED', reason: expect.stringMatching(/one-time/) });
    expect(await usedEvents(consentId)).toHaveLength(1);
    const retrievals = await stack.database.db.select().from(evidenceRetrievals).where(eq(evidenceRetrievals.accreditationId, acc.id));
    expect(retrievals.filter((r) => r.status === 'AVAILABLE')).toHaveLength(1);
    expect(await consentStatus(consentId)).toBe('USED');
    expect(await statuses(acc.id)).toEqual([{ code: 'StudielanSaldo', status: 'DENIED', reason: expect.stringMatching(/already used/) }]);
  });
});

describe('one-time per right: SummertSkattegrunnlag, StudielanSaldo (one-time) and AapUforetrygd', () => {
  /** Two rounds; each round asks for the statuses first, then harvests (per code or all at once). */
  async function twoRounds(perCode: boolean) {
    const { id, consentId } = await acceptedAccreditation();
    const rounds: { before: Evidence[]; after: Evidence[] }[] = [];
    for (let round = 0; round < 2; round++) {
      const before = await statuses(id);
      const after = perCode ? (await Promise.all(before.map((e) => harvest(id, e.code)))).flat() : await harvest(id);
      rounds.push({ before, after });
    }
    return { id, consentId, rounds };
  }

  let perCode: Awaited<ReturnType<typeof twoRounds>>;
  let allAtOnce: Awaited<ReturnType<typeof twoRounds>>;
  beforeAll(async () => {
    perCode = await twoRounds(true);
    allAtOnce = await twoRounds(false);
  });

  it('harvested one code per call, delivers all three, the student loan once', () => {
    const [first, second] = perCode.rounds.map((r) => byCode(r.after));
    for (const code of ['SummertSkattegrunnlag', 'StudielanSaldo', 'AapUforetrygd'])
      expect(first![code]).toMatchObject({ status: 'AVAILABLE', values: expect.any(Array) });
    expect(second!.SummertSkattegrunnlag).toMatchObject({ status: 'AVAILABLE', values: expect.any(Array) });
    expect(second!.AapUforetrygd).toMatchObject({ status: 'AVAILABLE', values: expect.any(Array) });
    expect(second!.StudielanSaldo).toMatchObject({
      status: 'DENIED',
      values: null,
      reason: expect.stringMatching(/one-time right to lanekassen-studielan-saldo was already used/),
    });
  });

  it('keeps the consent ACCEPTED while rights are left', async () => {
    expect(await consentStatus(perCode.consentId)).toBe('ACCEPTED');
    expect(await consentStatus(allAtOnce.consentId)).toBe('ACCEPTED');
  });

  it('gives the same outcome harvested all at once', () => {
    const shape = (run: typeof perCode) => run.rounds.map((r) => r.after.map((e) => ({ code: e.code, status: e.status, reason: e.reason })));
    expect(shape(allAtOnce)).toEqual(shape(perCode));
  });

  it('tells before each harvest what the harvest gets', () => {
    for (const run of [perCode, allAtOnce]) {
      for (const { before, after } of run.rounds) {
        expect(before.map((e) => ({ code: e.code, status: e.status, reason: e.reason }))).toEqual(
          after.map((e) => ({ code: e.code, status: e.status, reason: e.reason })),
        );
      }
    }
    expect(byCode(perCode.rounds[1]!.before).StudielanSaldo).toMatchObject({ status: 'DENIED', reason: expect.stringMatching(/already used/) });
  });

  it('puts only the rights still usable into a token', async () => {
    const { body } = await stack.graphql(ISSUE, { input: { consentId: perCode.consentId } }, t.banken);
    expect(body.errors).toBeUndefined();
    const claims = jsonwebtoken.decode(body.data.issueConsentToken.accessToken) as {
      aud: string[];
      authorization_details: { consentRights: { resource: { value: string }[] }[] }[];
    };
    expect(claims.authorization_details[0]!.consentRights.map((r) => r.resource[0]!.value).sort()).toEqual([
      'nav-aap-uforetrygd',
      'ske-inntekt-skattegrunnlag',
    ]);
    expect(claims.aud.sort()).toEqual([URN.skatteetaten, 'urn:altinn:organization:identifier-no:310000906'].sort());
  });

  it('shows HÅKON one use per delivering source, agreeing entry for entry with his retrieval log', async () => {
    const { body } = await stack.graphql(LOG, {}, t.hakon);
    expect(body.errors).toBeUndefined();
    const log = (body.data.me.consentLog as LogEntry[]).filter((e) => e.type === 'USED' && e.consent.id === perCode.consentId);
    const uses = log.map((e) => `${e.performedBy!.urn} ${e.resource!.id} ${e.deliveredTo!.urn}`).sort();
    expect(uses).toEqual(
      [
        `${URN.skatteetaten} ske-inntekt-skattegrunnlag ${URN.banken}`,
        `${URN.skatteetaten} ske-inntekt-skattegrunnlag ${URN.banken}`,
        `${URN.lanekassen} lanekassen-studielan-saldo ${URN.banken}`,
        'urn:altinn:organization:identifier-no:310000906 nav-aap-uforetrygd ' + URN.banken,
        'urn:altinn:organization:identifier-no:310000906 nav-aap-uforetrygd ' + URN.banken,
      ].sort(),
    );
    const resourceOf: Record<string, string> = {
      SummertSkattegrunnlag: 'ske-inntekt-skattegrunnlag',
      StudielanSaldo: 'lanekassen-studielan-saldo',
      AapUforetrygd: 'nav-aap-uforetrygd',
    };
    const retrievals = await stack.database.db.select().from(evidenceRetrievals).where(eq(evidenceRetrievals.accreditationId, perCode.id));
    const delivered = retrievals
      .filter((r) => r.status === 'AVAILABLE')
      .map((r) => resourceOf[r.code])
      .sort();
    expect(delivered).toEqual(log.map((e) => e.resource!.id).sort());
  });
});

describe('a data source reporting a use before it delivers', () => {
  it('is refused for a token the hub revoked after a code replay', async () => {
    const { id, code } = await consented(STUDENT_LOAN);
    const first = await stack.graphql(ISSUE, { input: { code, redirectUrl: REDIRECT } }, t.banken);
    expect(first.body.errors).toBeUndefined();
    const { jti } = jsonwebtoken.decode(first.body.data.issueConsentToken.accessToken) as { jti: string };
    const replay = await stack.graphql(ISSUE, { input: { code, redirectUrl: REDIRECT } }, t.banken);
    expect(errorOf(replay.body)).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('revoked') });
    const report = await stack.graphql(REPORT_USE, { consentId: id, jti }, t.lanekassen);
    expect(errorOf(report.body)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('was revoked') });
    expect(await usedEvents(id)).toHaveLength(0);
  });

  it('is refused a second time for a one-time right, and for a token that does not hold it', async () => {
    const { id } = await consented([...STUDENT_LOAN, { resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }]);
    const withLoan = await stack.graphql(ISSUE, { input: { consentId: id } }, t.banken);
    const withoutLoan = await stack.graphql(ISSUE, { input: { consentId: id } }, t.banken);
    const jtiOf = (r: typeof withLoan) => (jsonwebtoken.decode(r.body.data.issueConsentToken.accessToken) as { jti: string }).jti;
    const other = await stack.graphql(REPORT_USE, { consentId: id, jti: jtiOf(withoutLoan) }, t.lanekassen);
    expect(errorOf(other.body)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('is not held by token') });
    const once = await stack.graphql(REPORT_USE, { consentId: id, jti: jtiOf(withLoan) }, t.lanekassen);
    expect(once.body).toEqual({ data: { reportConsentUse: { id, status: 'ACCEPTED' } } });
    const twice = await stack.graphql(REPORT_USE, { consentId: id, jti: jtiOf(withLoan) }, t.lanekassen);
    expect(errorOf(twice.body)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already used') });
    // The income right is not one-time: the tax administration may report it through either token, again and again.
    for (const r of [withLoan, withoutLoan, withoutLoan]) {
      expect((await stack.graphql(REPORT_USE, { consentId: id, jti: jtiOf(r) }, t.skatteetaten)).body.errors).toBeUndefined();
    }
    expect(await usedEvents(id)).toHaveLength(4);
  });

  it('lets HÅKON withdraw a consent whose other rights hold until validTo, and then nothing is used or issued', async () => {
    const { id } = await consented([...STUDENT_LOAN, { resource: 'nav-aap-uforetrygd' }]);
    const issued = await stack.graphql(ISSUE, { input: { consentId: id } }, t.banken);
    const { jti } = jsonwebtoken.decode(issued.body.data.issueConsentToken.accessToken) as { jti: string };
    expect((await stack.graphql(REVOKE, { id }, t.hakon)).body).toEqual({ data: { revokeConsent: { status: 'REVOKED' } } });
    expect(errorOf((await stack.graphql(REPORT_USE, { consentId: id, jti }, t.lanekassen)).body)).toMatchObject({ code: 'CONFLICT' });
    expect(errorOf((await stack.graphql(ISSUE, { input: { consentId: id } }, t.banken)).body)).toMatchObject({ code: 'CONFLICT' });
    const onlyOneTime = await consented(STUDENT_LOAN);
    expect(errorOf((await stack.graphql(REVOKE, { id: onlyOneTime.id }, t.hakon)).body)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('cannot be revoked'),
    });
  });
});
