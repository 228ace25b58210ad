import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import jsonwebtoken from 'jsonwebtoken';
import { freePort } from './support/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, CREATE, errorOf, inSeconds, ISSUE, storyTokens, URN } from './support/consents';
import { accredit, HARVEST, sblInput } from './support/evidence';
import { startTestStack, type TestStack } from './support/stack';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REDIRECT = 'http://localhost:9999/callback';
const LOG = /* GraphQL */ `query { me { consentLog { type consent { id } performedBy { urn } resource { id } deliveredTo { urn } } } }`;

let stack: TestStack;
let t: Awaited<ReturnType<typeof storyTokens>>;
let source: ChildProcess;
let sourceUrl: string;
let sourceLog = '';

beforeAll(async () => {
  const port = await freePort();
  sourceUrl = `http://127.0.0.1:${port}`;
  stack = await startTestStack({ env: { EVIDENCE_SKATTEETATEN_URL: sourceUrl } });
  t = await storyTokens(stack);
  // Its own process, as deployed: `npm run start:datasource` is this command.
  source = spawn(process.execPath, ['--import', 'tsx', 'datasources/skatteetaten/src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HUB_URL: stack.publicUrl.replace('localhost', '127.0.0.1'),
      HUB_ISSUER: stack.publicUrl,
      DATASOURCE_PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  source.stdout!.on('data', (d) => (sourceLog += d));
  source.stderr!.on('data', (d) => (sourceLog += d));
  for (let i = 0; ; i++) {
    const up = await fetch(`${sourceUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 150 || source.exitCode !== null) throw new Error(`the data source did not start:\n${sourceLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);
afterAll(async () => {
  source?.kill('SIGTERM');
  await stack?.close();
});

/** BANKEN asks HÅKON for `rights`, HÅKON accepts, and BANKEN exchanges the code for a token. */
async function consentToken(rights: Record<string, unknown>[]) {
  const created = await stack.graphql(CREATE, { input: { from: URN.hakon, validTo: inSeconds(3600), redirectUrl: REDIRECT, rights } }, t.banken);
  expect(created.body.errors).toBeUndefined();
  const id = created.body.data.createConsentRequest.id as string;
  const accepted = await stack.graphql(ACCEPT, { id }, t.hakon);
  const code = new URL(accepted.body.data.acceptConsentRequest.redirectUrl).searchParams.get('code')!;
  const issued = await stack.graphql(ISSUE, { input: { code, redirectUrl: REDIRECT } }, t.banken);
  expect(issued.body.errors).toBeUndefined();
  return { id, code, token: issued.body.data.issueConsentToken.accessToken as string };
}

/** The bank's call to the tax administration's service. */
async function ask(code: string, token: string, body: Record<string, unknown> = {}) {
  const res = await fetch(`${sourceUrl}/evidence/${code}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ subject: URN.hakon, requestor: URN.banken, parameters: {}, ...body }),
  });
  return { status: res.status, body: (await res.json()) as { values?: { name: string; value: unknown }[]; error?: string; message?: string } };
}

const CERTIFICATE = { resource: 'ske-skatteattest' };
const INCOME = { resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } };

describe('the tax administration as its own service, called by the bank with a consent token', () => {
  let consent: Awaited<ReturnType<typeof consentToken>>;
  beforeAll(async () => {
    consent = await consentToken([CERTIFICATE, INCOME]);
  });

  it('delivers a one-time tax certificate once, and refuses the same token a second time', async () => {
    const first = await ask('Skatteattest', consent.token);
    expect(first).toMatchObject({ status: 200, body: { values: [{ name: 'harRestanser' }, { name: 'utstedt' }] } });
    const second = await ask('Skatteattest', consent.token);
    expect(second).toEqual({
      status: 403,
      body: { error: 'consent_refused', message: expect.stringMatching(/one-time right to ske-skatteattest was already used/) },
    });
  });

  it('delivers the income right again and again, for the year consented to only', async () => {
    for (let i = 0; i < 2; i++) {
      const income = await ask('SummertSkattegrunnlag', consent.token, { parameters: { inntektsaar: 2024 } });
      expect(income.status).toBe(200);
      expect(income.body.values!.map((v) => v.name)).toEqual(['inntektsaar', 'samletInntekt', 'nettoformue']);
    }
    const otherYear = await ask('SummertSkattegrunnlag', consent.token, { parameters: { inntektsaar: 2023 } });
    expect(otherYear).toMatchObject({ status: 403, body: { message: expect.stringContaining('covers inntektsaar 2024, not 2023') } });
  });

  it('refuses a token of another subject, another requestor, or addressed to another source', async () => {
    const fresh = await consentToken([INCOME]);
    const income = { parameters: { inntektsaar: 2024 } };
    expect(await ask('SummertSkattegrunnlag', fresh.token, { ...income, subject: URN.kari })).toMatchObject({
      status: 403,
      body: { message: expect.stringContaining(`not from ${URN.kari}`) },
    });
    expect(await ask('SummertSkattegrunnlag', fresh.token, { ...income, requestor: URN.finansiering })).toMatchObject({
      status: 403,
      body: { message: expect.stringContaining(`not to ${URN.finansiering}`) },
    });
    const loan = await consentToken([{ resource: 'lanekassen-studielan-saldo' }]);
    expect((jsonwebtoken.decode(loan.token) as { aud: string[] }).aud).toEqual([URN.lanekassen]);
    expect(await ask('SummertSkattegrunnlag', loan.token, income)).toMatchObject({
      status: 403,
      body: { message: expect.stringContaining('claim aud') },
    });
    expect(await ask('SummertSkattegrunnlag', 'not.a.token', income)).toMatchObject({ status: 403, body: { error: 'consent_refused' } });
    expect((await fetch(`${sourceUrl}/evidence/SummertSkattegrunnlag`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('refuses a token the hub revoked after a replay of its code', async () => {
    const replayed = await consentToken([CERTIFICATE]);
    const replay = await stack.graphql(ISSUE, { input: { code: replayed.code, redirectUrl: REDIRECT } }, t.banken);
    expect(errorOf(replay.body)?.message).toContain('revoked');
    expect(await ask('Skatteattest', replayed.token)).toMatchObject({ status: 403, body: { message: expect.stringContaining('was revoked') } });
  });

  it('leaves one use per delivery in HÅKON’s consent log: the source, the data, and for whom', async () => {
    const { body } = await stack.graphql(LOG, {}, t.hakon);
    const uses = (
      body.data.me.consentLog as {
        type: string;
        consent: { id: string };
        performedBy: { urn: string };
        resource: { id: string };
        deliveredTo: { urn: string };
      }[]
    )
      .filter((e) => e.type === 'USED' && e.consent.id === consent.id)
      .map((e) => [e.performedBy.urn, e.resource.id, e.deliveredTo.urn].join(' '))
      .sort();
    expect(uses).toEqual([
      `${URN.skatteetaten} ske-inntekt-skattegrunnlag ${URN.banken}`,
      `${URN.skatteetaten} ske-inntekt-skattegrunnlag ${URN.banken}`,
      `${URN.skatteetaten} ske-skatteattest ${URN.banken}`,
    ]);
  });
});

describe('the evidence subgraph’s plugin for the tax administration', () => {
  it('harvests through the service over HTTP, and gets nothing while it is down', async () => {
    const acc = await accredit(
      stack,
      { ...sblInput(URN.hakon), evidenceCodes: [{ code: 'SummertSkattegrunnlag', parameters: { inntektsaar: 2024 } }] },
      t.banken,
    );
    expect((await stack.graphql(ACCEPT, { id: acc.consentRequests[0]!.id }, t.hakon)).body.errors).toBeUndefined();
    const { body } = await stack.graphql(HARVEST, { id: acc.id }, t.banken);
    expect(body.data.accreditation.evidence).toEqual([expect.objectContaining({ code: 'SummertSkattegrunnlag', status: 'AVAILABLE' })]);
    const direct = await ask('SummertSkattegrunnlag', (await consentToken([INCOME])).token, { parameters: { inntektsaar: 2024 } });
    expect(body.data.accreditation.evidence[0].values).toEqual(direct.body.values);

    source.kill('SIGTERM');
    await new Promise((resolve) => source.once('exit', resolve));
    const down = await stack.graphql(HARVEST, { id: acc.id }, t.banken);
    expect(down.body.data.accreditation.evidence).toEqual([
      expect.objectContaining({ code: 'SummertSkattegrunnlag', status: 'UNAVAILABLE', values: null }),
    ]);
  });
});
