import { Writable } from 'node:stream';
import { generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_URL, productionEnv, startTestIssuers, type TestIssuers } from '../support/issuers';
import { startTestStack, type TestStack } from '../support/stack';

const logLines: Record<string, unknown>[] = [];
const logSink = new Writable({
  write(chunk, _enc, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    done();
  },
});

let issuers: TestIssuers;
let stack: TestStack;
beforeAll(async () => {
  issuers = await startTestIssuers();
  stack = await startTestStack({ env: productionEnv(issuers), logLevel: 'info', logDestination: logSink });
});
afterAll(async () => {
  await stack?.close();
  await issuers?.close();
});

const KARI = '17857210042';
const BANKEN = { authority: 'iso6523-actorid-upis', ID: '0192:310000108' };
const ME = '{ me { urn name } }';
const now = () => Math.floor(Date.now() / 1000);
const kariClaims = { pid: KARI, acr: 'idporten-loa-substantial', scope: 'openid' };

/** POSTs `{ me }` with the given Authorization header. */
async function me(authorization: string | undefined) {
  const res = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify({ query: ME }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function expectUnauthenticated(res: { status: number; body: any }) {
  expect(res.status).toBe(401);
  expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(res.body.data ?? null).toBeNull();
}

describe('tokens the production router accepts', () => {
  it('logs a person in with a token from the person issuer, for this hub, with a lower-case scheme too', async () => {
    const token = await issuers.idporten.sign(kariClaims);
    for (const scheme of ['Bearer', 'bearer']) {
      const res = await me(`${scheme} ${token}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: { me: { urn: `urn:altinn:person:identifier-no:${KARI}`, name: 'KARI NORDMANN' } } });
    }
  });

  it('logs an organisation in with a token from the organisation issuer', async () => {
    const res = await me(`Bearer ${await issuers.maskinporten.sign({ consumer: BANKEN, scope: '', client_id: 'banken-system' })}`);
    expect(res.body).toEqual({ data: { me: { urn: 'urn:altinn:organization:identifier-no:310000108', name: 'BANKEN AS' } } });
  });
});

describe('audience', () => {
  it('refuses a citizen’s login token for another service, and one that names no audience', async () => {
    expectUnauthenticated(await me(`Bearer ${await issuers.idporten.sign({ ...kariClaims, aud: 'https://another-service.example' })}`));
    expectUnauthenticated(await me(`Bearer ${await issuers.idporten.sign({ ...kariClaims, aud: undefined })}`));
  });
});

describe('issuer binding and identity kind', () => {
  it('checks a token only against the keys of the issuer it names', async () => {
    // Signed with the organisation issuer's key, claiming to be the person issuer's: a forged login as KARI.
    const forged = await issuers.idporten.sign(kariClaims, { key: issuers.maskinporten.privateKey, header: { kid: issuers.maskinporten.kid } });
    expectUnauthenticated(await me(`Bearer ${forged}`));
  });

  it('refuses organisation claims from the person issuer, and person claims from the organisation issuer', async () => {
    expectUnauthenticated(await me(`Bearer ${await issuers.idporten.sign({ consumer: BANKEN, scope: '' })}`));
    expectUnauthenticated(await me(`Bearer ${await issuers.maskinporten.sign({ pid: KARI, acr: 'idporten-loa-high' })}`));
    expectUnauthenticated(await me(`Bearer ${await issuers.idporten.sign({ ...kariClaims, consumer: BANKEN })}`));
  });
});

describe('lifetime', () => {
  it('refuses a token without exp', async () => {
    expectUnauthenticated(await me(`Bearer ${await issuers.idporten.sign({ ...kariClaims, exp: undefined })}`));
  });
  it('refuses a token issued in the future, beyond a small clock skew', async () => {
    expectUnauthenticated(await me(`Bearer ${await issuers.idporten.sign({ ...kariClaims, iat: now() + 600, exp: now() + 1200 })}`));
    expect((await me(`Bearer ${await issuers.idporten.sign({ ...kariClaims, iat: now() + 5 })}`)).status).toBe(200);
  });
  it('refuses a token that lives longer than the issuer’s maximum (one hour by default)', async () => {
    expectUnauthenticated(await me(`Bearer ${await issuers.idporten.sign({ ...kariClaims, exp: now() + 86_400 })}`));
    expectUnauthenticated(await me(`Bearer ${await issuers.idporten.sign({ ...kariClaims, iat: now() - 7200, exp: now() + 60 })}`));
  });
});

describe('bad tokens are 401, never 500', () => {
  let strangerKey: CryptoKey;
  beforeAll(async () => {
    strangerKey = (await generateKeyPair('ES256')).privateKey as CryptoKey;
  });

  it.each([
    ['an unknown kid', async () => issuers.idporten.sign(kariClaims, { key: strangerKey, header: { kid: 'unknown-kid' } })],
    ['no kid (signed by a stranger)', async () => issuers.idporten.sign(kariClaims, { key: strangerKey, header: { kid: undefined } })],
    [
      'alg none without kid',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: issuers.idporten.issuer, aud: PRODUCTION_URL, pid: KARI, exp: now() + 600, iat: now() })}.`,
    ],
    [
      'HS256 with the issuer’s kid',
      async () => {
        const { createHmac } = await import('node:crypto');
        const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: issuers.idporten.kid })}.${b64({ iss: issuers.idporten.issuer, aud: PRODUCTION_URL, pid: KARI, exp: now() + 600, iat: now() })}`;
        return `${head}.${createHmac('sha256', issuers.idporten.kid).update(head).digest('base64url')}`;
      },
    ],
    [
      'a token of the hub’s own (a consent token)',
      async () =>
        issuers.idporten.sign(
          { iss: PRODUCTION_URL, aud: 'urn:altinn:organization:identifier-no:310000701', typ: 'at+jwt' },
          { key: strangerKey, header: { kid: 'consent-key' } },
        ),
    ],
    [
      'the dev kid in production',
      async () =>
        issuers.idporten.sign({ ...kariClaims, iss: `${PRODUCTION_URL}/dev/idporten` }, { key: strangerKey, header: { kid: 'dev-idporten' } }),
    ],
    ['something that is not a JWT', async () => 'not-a-jwt'],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_name, make) => {
    expectUnauthenticated(await me(`Bearer ${await make()}`));
  });

  it('refuses another scheme (Basic) with 401', async () => {
    expectUnauthenticated(await me(`Basic ${Buffer.from('kari:secret').toString('base64')}`));
  });

  it('logs refusals as refusals, without a stack, never as an unavailable authentication', async () => {
    await me('Bearer not-a-jwt');
    const refusals = logLines.filter((l) => l.msg === 'refused a bearer token');
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.every((l) => (l.level as number) <= 40 && !JSON.stringify(l).includes('"stack"'))).toBe(true);
    expect(logLines.filter((l) => JSON.stringify(l).includes('Authentication is not available'))).toEqual([]);
    expect(logLines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});
