import { randomUUID } from 'node:crypto';
import { count, eq, or } from 'drizzle-orm';
import jsonwebtoken from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentEvents, consentRequests, consentRights, issuedTokens } from '@hub/db/consents';
import { loadStoryIds, partyUuid } from './support/story-ids';
import {
  ACCEPT,
  CREATE,
  errorOf,
  FEED,
  inSeconds,
  ISSUE,
  MY_CONSENTS,
  pkcePair,
  READ,
  REJECT,
  REPORT_USE,
  REVOKE,
  storyTokens,
  unknownOrganizationNumber,
  URN,
  verifyConsentToken,
} from './support/consents';
import { startTestStack, type TestStack } from './support/stack';

let stack: TestStack;
let t: Awaited<ReturnType<typeof storyTokens>>;
beforeAll(async () => {
  stack = await startTestStack();
  await loadStoryIds(stack);
  t = await storyTokens(stack);
});
afterAll(() => stack?.close());

/** Registered for every story client that asks for consent (README's flow by hand uses it too). */
const REDIRECT = 'http://localhost:9999/callback';
const income = (year: string | number = '2024') => [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: year } }];

/** BANKEN (or `token`) asks; returns the created request. Fails the test on any error. */
async function ask(input: Record<string, unknown>, token = t.banken) {
  const { body } = await stack.graphql(CREATE, { input: { validTo: inSeconds(3600), redirectUrl: REDIRECT, ...input } }, token);
  expect(body.errors).toBeUndefined();
  return body.data.createConsentRequest as { id: string; status: string; viewUrl: string; oneTimeConsent: boolean };
}

async function accept(id: string, token: string, state?: string) {
  const { body } = await stack.graphql(ACCEPT, { id, state }, token);
  expect(body.errors).toBeUndefined();
  return new URL(body.data.acceptConsentRequest.redirectUrl as string);
}

const issue = (input: Record<string, unknown>, token: string) => stack.graphql(ISSUE, { input }, token);

describe('a consent from request to verified token', () => {
  const { verifier, challenge } = pkcePair();
  const validTo = inSeconds(3600);
  let id: string;
  let code: string;
  let firstToken: string;

  it('lets BANKEN ask HÅKON for his income of 2024, with a PKCE challenge', async () => {
    const { body } = await stack.graphql(
      CREATE,
      { input: { from: URN.hakon, validTo, rights: income(), redirectUrl: REDIRECT, codeChallenge: challenge, requestMessage: 'Lånesøknad' } },
      t.banken,
    );
    expect(body.errors).toBeUndefined();
    const created = body.data.createConsentRequest;
    id = created.id;
    expect(created).toMatchObject({
      status: 'CREATED',
      viewUrl: `${stack.publicUrl}/consent/request?id=${id}`,
      oneTimeConsent: false,
      // The bank named HÅKON by number, but a person's URN goes only to those who may act for them.
      from: { urn: `urn:altinn:party:uuid:${partyUuid('12888510018')}` },
      to: { urn: URN.banken },
      rights: [{ resource: { id: 'ske-inntekt-skattegrunnlag' }, action: 'consent', metadata: { inntektsaar: '2024' } }],
    });
  });

  it('shows HÅKON the request, its events and the filled-in text', async () => {
    const { body } = await stack.graphql(READ, { id }, t.hakon);
    expect(body.errors).toBeUndefined();
    const request = body.data.consentRequest;
    expect(request).toMatchObject({ id, status: 'CREATED', events: [{ type: 'CREATED', performedBy: { urn: URN.banken } }], receipt: null });
    expect(request.template.id).toBe('sblanesoknad');
    const expiration = new Date(validTo).toLocaleDateString('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' });
    expect(request.template.renderedText).toBe(
      'BANKEN AS ønsker å hente opplysninger om deg i forbindelse med lånesøknad. Ved å samtykke gir du SKATTEETATEN rett til å ' +
        `utlevere opplysninger om deg til BANKEN AS. Samtykket gjelder til ${expiration}.`,
    );
    expect(request.template.en).toContain('BANKEN AS wants to retrieve information about you');
    expect(request.template.renderedText).not.toMatch(/[{}]/);
  });

  it('hides it from KARI as NOT_FOUND', async () => {
    const { body } = await stack.graphql(READ, { id }, t.kari);
    expect(body.data?.consentRequest).toBeNull();
    expect(errorOf(body)?.code).toBe('NOT_FOUND');
  });

  it('lets HÅKON accept, and redirects with a code, the status and the state', async () => {
    const url = await accept(id, t.hakon, 'xyz-123');
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT);
    expect(url.searchParams.get('status')).toBe('ACCEPTED');
    expect(url.searchParams.get('state')).toBe('xyz-123');
    code = url.searchParams.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const { body } = await stack.graphql(READ, { id }, t.banken);
    expect(body.data.consentRequest.status).toBe('ACCEPTED');
    expect(body.data.consentRequest.events.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'ACCEPTED']);
    const receipt = body.data.consentRequest.receipt;
    expect(receipt.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The text HÅKON was shown ("om deg"), which the bank reads with his name in its place.
    const shown = (await stack.graphql(READ, { id }, t.hakon)).body.data.consentRequest.template.renderedText;
    expect(receipt.textShown).toBe(shown);
    expect(body.data.consentRequest.template.renderedText).toBe(shown.replaceAll('om deg', 'om HÅKON TRANA'));
    expect(receipt.body).toMatchObject({
      id,
      acceptedBy: { urn: URN.hakon, name: 'HÅKON TRANA' },
      from: { urn: URN.hakon, name: 'HÅKON TRANA' },
      to: { urn: URN.banken, name: 'BANKEN AS' },
      handledBy: null,
      rights: [{ resource: 'ske-inntekt-skattegrunnlag', action: 'consent', metadata: { inntektsaar: '2024' } }],
      textShown: receipt.textShown,
    });
  });

  it('gives BANKEN a token for the code and verifier, verifiable with the published keys', async () => {
    const { body } = await issue({ code, redirectUrl: REDIRECT, codeVerifier: verifier }, t.banken);
    expect(body.errors).toBeUndefined();
    const { accessToken, tokenType, expiresAt } = body.data.issueConsentToken;
    firstToken = accessToken;
    expect(tokenType).toBe('Bearer');

    const routerBase = stack.url.replace(/\/graphql$/, '');
    const jwks = ((await (await fetch(`${routerBase}/.well-known/jwks.json`)).json()) as { keys: { kid?: string }[] }).keys;

    const claims = verifyConsentToken(accessToken, jwks, { issuer: stack.publicUrl, audience: URN.skatteetaten });
    expect(claims).toMatchObject({ iss: stack.publicUrl, aud: [URN.skatteetaten], sub: URN.hakon, client_id: 'banken-system' });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);
    expect(new Date(expiresAt).getTime()).toBe(claims.exp! * 1000);
    expect(claims.authorization_details).toEqual([
      {
        type: 'urn:altinn:consent',
        id,
        from: URN.hakon,
        to: URN.banken,
        consented: expect.any(String),
        validTo: expect.any(String),
        consentRights: [
          {
            action: ['consent'],
            resource: [{ type: 'urn:altinn:resource', value: 'ske-inntekt-skattegrunnlag' }],
            metadata: { inntektsaar: '2024' },
          },
        ],
      },
    ]);
  });

  it('refuses a replayed code and revokes the token the code gave', async () => {
    const { body } = await issue({ code, redirectUrl: REDIRECT, codeVerifier: verifier }, t.banken);
    expect(body.data?.issueConsentToken ?? null).toBeNull();
    expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code', message: expect.stringContaining('already used') });
    const { jti } = jsonwebtoken.decode(firstToken) as { jti: string };
    const [row] = await stack.database.db.select().from(issuedTokens).where(eq(issuedTokens.jti, jti));
    expect(row!.revokedAt).not.toBeNull();
  });

  it.each([
    ['a wrong verifier', () => ({ redirectUrl: REDIRECT, codeVerifier: pkcePair().verifier }), 'banken', 'BAD_USER_INPUT', 'input.codeVerifier'],
    ['a missing verifier', () => ({ redirectUrl: REDIRECT }), 'banken', 'BAD_USER_INPUT', 'input.codeVerifier'],
    [
      'another redirect URL',
      () => ({ redirectUrl: 'https://evil.example/cb', codeVerifier: verifier }),
      'banken',
      'BAD_USER_INPUT',
      'input.redirectUrl',
    ],
    ['FINANSIERING AS using BANKEN’s code', () => ({ redirectUrl: REDIRECT, codeVerifier: verifier }), 'finansiering', 'FORBIDDEN', 'input.code'],
  ] as const)('refuses %s, and the code still works for BANKEN afterwards', async (_name, rest, who, errorCode, field) => {
    // Accepting again gives a fresh code.
    const fresh = (await accept(id, t.hakon)).searchParams.get('code')!;
    const refused = await issue({ code: fresh, ...rest() }, t[who]);
    expect(errorOf(refused.body)).toMatchObject({ code: errorCode, field });
    const ok = await issue({ code: fresh, redirectUrl: REDIRECT, codeVerifier: verifier }, t.banken);
    expect(ok.body.errors).toBeUndefined();
  });

  it('gives tokens by consent id to BANKEN, not to FINANSIERING AS', async () => {
    const ok = await issue({ consentId: id }, t.banken);
    expect(ok.body.errors).toBeUndefined();
    const refused = await issue({ consentId: id }, t.finansiering);
    expect(errorOf(refused.body)?.code).toBe('NOT_FOUND');
  });

  it('wants exactly one of code and consentId, and an organisation', async () => {
    expect(errorOf((await issue({}, t.banken)).body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(errorOf((await issue({ consentId: id, code: 'x' }, t.banken)).body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(errorOf((await issue({ consentId: id }, t.hakon)).body)?.code).toBe('FORBIDDEN');
  });

  it('issues no token once HÅKON has revoked the consent', async () => {
    const { body } = await stack.graphql(REVOKE, { id }, t.hakon);
    expect(body.data.revokeConsent.status).toBe('REVOKED');
    const refused = await issue({ consentId: id }, t.banken);
    expect(errorOf(refused.body)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('revoked') });
    const again = await stack.graphql(ACCEPT, { id }, t.hakon);
    expect(errorOf(again.body)?.code).toBe('CONFLICT');
    const live = await stack.database.db.select().from(issuedTokens).where(eq(issuedTokens.consentId, id));
    expect(live.every((tok) => tok.revokedAt !== null)).toBe(true);
  });
});

describe('a rejected and a deleted request', () => {
  it('redirects a rejection with status and state but no code, and gives no token', async () => {
    const { id } = await ask({ from: URN.hakon, rights: income() });
    const { body } = await stack.graphql(REJECT, { id, state: 's1' }, t.hakon);
    const url = new URL(body.data.rejectConsentRequest.redirectUrl);
    expect(body.data.rejectConsentRequest.status).toBe('REJECTED');
    expect([...url.searchParams.keys()].sort()).toEqual(['state', 'status']);
    expect(url.searchParams.get('status')).toBe('REJECTED');
    expect(errorOf((await issue({ consentId: id }, t.banken)).body)?.code).toBe('CONFLICT');
    expect(errorOf((await stack.graphql(ACCEPT, { id }, t.hakon)).body)?.code).toBe('CONFLICT');
  });

  it('lets the requester, and only it, delete an unanswered request', async () => {
    const { id } = await ask({ from: URN.hakon, rights: income() });
    const DELETE = `mutation($id: ID!) { deleteConsentRequest(id: $id) { status } }`;
    expect(errorOf((await stack.graphql(DELETE, { id }, t.hakon)).body)?.code).toBe('FORBIDDEN');
    expect(errorOf((await stack.graphql(DELETE, { id }, t.finansiering)).body)?.code).toBe('NOT_FOUND');
    expect((await stack.graphql(DELETE, { id }, t.banken)).body.data.deleteConsentRequest.status).toBe('DELETED');
    expect(errorOf((await stack.graphql(ACCEPT, { id }, t.hakon)).body)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('deleted'),
    });
  });
});

describe('a one-time consent', () => {
  it('gives one token, becomes USED at the data source’s first report, and gives no more', async () => {
    const { id, oneTimeConsent } = await ask({ from: URN.hakon, rights: [{ resource: 'lanekassen-studielan-saldo' }] });
    expect(oneTimeConsent).toBe(true);
    await accept(id, t.hakon);
    const first = await issue({ consentId: id }, t.banken);
    expect(first.body.errors).toBeUndefined();
    const token = first.body.data.issueConsentToken.accessToken;
    const { jti, aud } = jsonwebtoken.decode(token) as { jti: string; aud: string[] };
    expect(aud).toEqual([URN.lanekassen]);

    expect(errorOf((await stack.graphql(REVOKE, { id }, t.hakon)).body)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('one-time consents cannot be revoked'),
    });
    // Not a data source of this consent: SKATTEETATEN may not even see it; BANKEN may see it but not report.
    expect(errorOf((await stack.graphql(REPORT_USE, { consentId: id, jti }, t.skatteetaten)).body)?.code).toBe('NOT_FOUND');
    expect(errorOf((await stack.graphql(REPORT_USE, { consentId: id, jti }, t.banken)).body)?.code).toBe('FORBIDDEN');

    const used = await stack.graphql(REPORT_USE, { consentId: id, jti }, t.lanekassen);
    expect(used.body).toEqual({ data: { reportConsentUse: { id, status: 'USED' } } });

    const second = await issue({ consentId: id }, t.banken);
    expect(errorOf(second.body)).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already used') });
    expect(errorOf((await stack.graphql(REPORT_USE, { consentId: id, jti }, t.lanekassen)).body)?.code).toBe('CONFLICT');
  });
});

describe('who may answer', () => {
  const statusOf = async (id: string) => (await stack.graphql(READ, { id }, t.banken)).body.data.consentRequest.status;

  it('lets HÅKON consent for EMMA through his parental responsibility', async () => {
    const { id } = await ask({ from: URN.emma, rights: [{ resource: 'digilaer-personopplysninger' }] });
    expect((await stack.graphql(READ, { id }, t.hakon)).body.data.consentRequest.template.renderedText).toContain('om EMMA TRANA');
    await accept(id, t.hakon);
    const { body } = await stack.graphql(READ, { id }, t.emma);
    // EMMA may not act for her father: she sees who answered by his uuid URN, not his number.
    expect(body.data.consentRequest.events.at(-1)).toMatchObject({
      type: 'ACCEPTED',
      performedBy: { urn: `urn:altinn:party:uuid:${partyUuid('12888510018')}` },
    });
    // The bank's copy of the receipt names the father who answered by uuid URN, without his number.
    const bank = await stack.graphql(READ, { id }, t.banken);
    expect(bank.body.data.consentRequest.receipt.body.acceptedBy).toEqual({
      urn: `urn:altinn:party:uuid:${partyUuid('12888510018')}`,
      name: 'HÅKON TRANA',
    });
    expect(JSON.stringify(bank.body)).not.toContain('12888510018');
  });

  it('lets ARIAN consent for ASTRID within the bank guardianship, and not beyond it', async () => {
    const { id } = await ask({ from: URN.astrid, rights: income('2023') });
    await accept(id, t.arian);
    expect(await statusOf(id)).toBe('ACCEPTED');

    const outside = await ask({ from: URN.astrid, rights: [{ resource: 'digilaer-personopplysninger' }] });
    // Outside his mandate the request does not exist for him (least privilege), so he cannot answer it either.
    expect(errorOf((await stack.graphql(ACCEPT, { id: outside.id }, t.arian)).body)?.code).toBe('NOT_FOUND');
    expect(await statusOf(outside.id)).toBe('CREATED');
  });

  it('lets KARI answer for TRANA BYGG AS as its general manager, and not SIRI', async () => {
    const { id } = await ask({ from: URN.tranabygg, rights: [{ resource: 'ske-restanser' }] });
    // SIRI may not act for TRANA BYGG AS at all, so to her the request does not exist.
    const siri = await stack.graphql(ACCEPT, { id }, t.siri);
    expect(errorOf(siri.body)?.code).toBe('NOT_FOUND');
    expect(await statusOf(id)).toBe('CREATED');
    await accept(id, t.kari);
    expect(await statusOf(id)).toBe('ACCEPTED');
  });

  it('lets only the required delegator answer, when the requester names one', async () => {
    const { id } = await ask({ from: URN.tranabygg, rights: [{ resource: 'ske-restanser' }], requiredDelegator: URN.hakon });
    expect(errorOf((await stack.graphql(ACCEPT, { id }, t.kari)).body)?.code).toBe('FORBIDDEN');
    await accept(id, t.hakon);
    expect(await statusOf(id)).toBe('ACCEPTED');
  });

  it('does not let the requester answer its own request', async () => {
    const { id } = await ask({ from: URN.hakon, rights: income() });
    expect(errorOf((await stack.graphql(ACCEPT, { id }, t.banken)).body)?.code).toBe('FORBIDDEN');
  });
});

describe('creating a request', () => {
  const stored = async () => {
    const db = stack.database.db;
    const [[r], [g], [e]] = await Promise.all([
      db.select({ n: count() }).from(consentRequests),
      db.select({ n: count() }).from(consentRights),
      db.select({ n: count() }).from(consentEvents),
    ]);
    return [r!.n, g!.n, e!.n];
  };
  const valid = () => ({ from: URN.hakon, validTo: inSeconds(3600), rights: income(), redirectUrl: REDIRECT });

  it.each([
    ['a malformed from', { from: 'urn:altinn:person:identifier-no:123' }, 'input.from'],
    ['an unknown from', { from: `urn:altinn:organization:identifier-no:${unknownOrganizationNumber()}` }, 'input.from'],
    ['from = the requester', { from: URN.banken }, 'input.from'],
    ['no rights', { rights: [] }, 'input.rights'],
    ['an unknown resource', { rights: [{ resource: 'no-such-resource' }] }, 'input.rights[0].resource'],
    ['a resource that is not a consent resource', { rights: [{ resource: 'ske-mva-melding' }] }, 'input.rights[0].resource'],
    ['a missing metadata key', { rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: {} }] }, 'input.rights[0].metadata'],
    [
      'an unknown metadata key',
      { rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024', maaned: '1' } }] },
      'input.rights[0].metadata',
    ],
    ['metadata for a resource that takes none', { rights: [{ resource: 'nav-aap-uforetrygd', metadata: { x: '1' } }] }, 'input.rights[0].metadata'],
    [
      'a metadata value that is an object',
      { rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: { y: 1 } } }] },
      'input.rights[0].metadata.inntektsaar',
    ],
    ['validTo in the past', { validTo: inSeconds(-60) }, 'input.validTo'],
    ['an http redirect to another host', { redirectUrl: 'http://banken.example/cb' }, 'input.redirectUrl'],
    ['a relative redirect', { redirectUrl: '/cb' }, 'input.redirectUrl'],
    ['a redirect with a fragment', { redirectUrl: 'https://banken.example/cb#x' }, 'input.redirectUrl'],
    ['an organisation as required delegator', { requiredDelegator: URN.tranabygg }, 'input.requiredDelegator'],
    ['a person handling it', { handledBy: URN.kari }, 'input.handledBy'],
    ['a malformed code challenge', { codeChallenge: 'abc' }, 'input.codeChallenge'],
    ['a message over 1000 characters', { requestMessage: 'x'.repeat(1001) }, 'input.requestMessage'],
    ['an id that is not a UUID', { id: 'my-request-1' }, 'input.id'],
  ])('refuses %s as BAD_USER_INPUT naming the field, and writes nothing', async (_name, change, field) => {
    const before = await stored();
    const { body } = await stack.graphql(CREATE, { input: { ...valid(), ...change } }, t.banken);
    expect(body.data?.createConsentRequest ?? null).toBeNull();
    expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errorOf(body)!.message.startsWith(`${field}: `)).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it('accepts a registered loopback redirect on another port, and numbers as metadata (stored as strings)', async () => {
    const { body } = await stack.graphql(
      CREATE,
      { input: { ...valid(), redirectUrl: 'http://localhost:3000/callback', rights: income(2024) } },
      t.banken,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.createConsentRequest.rights[0].metadata).toEqual({ inntektsaar: '2024' });
  });

  it('is for organisations with scope altinn:consentrequests.write', async () => {
    expect(errorOf((await stack.graphql(CREATE, { input: valid() }, t.hakon)).body)?.code).toBe('FORBIDDEN');
    expect(errorOf((await stack.graphql(CREATE, { input: valid() }, t.lanekassen)).body)?.code).toBe('FORBIDDEN');
  });

  it('returns the same request for a repeated id and input, and CONFLICT for other input', async () => {
    const id = randomUUID();
    const input = { ...valid(), id };
    const first = await ask(input);
    const again = await stack.graphql(CREATE, { input: { ...input, rights: income(2024) } }, t.banken);
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data.createConsentRequest).toEqual(first);
    const [{ n }] = (await stack.database.db.select({ n: count() }).from(consentRequests).where(eq(consentRequests.id, id))) as [{ n: number }];
    expect(n).toBe(1);

    const other = await stack.graphql(CREATE, { input: { ...input, rights: income('2023') } }, t.banken);
    expect(errorOf(other.body)?.code).toBe('CONFLICT');
    const elsewhere = await stack.graphql(CREATE, { input }, t.finansiering);
    expect(errorOf(elsewhere.body)?.code).toBe('CONFLICT');
  });
});

describe('expiry', () => {
  it('reads EXPIRED once validTo has passed, without storing it, and refuses to accept then', async () => {
    const { id } = await ask({ from: URN.hakon, rights: income(), validTo: inSeconds(2) });
    expect((await stack.graphql(READ, { id }, t.hakon)).body.data.consentRequest.status).toBe('CREATED');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await stack.graphql(READ, { id }, t.hakon)).body.data.consentRequest.status).toBe('EXPIRED');
    const [row] = await stack.database.db.select().from(consentRequests).where(eq(consentRequests.id, id));
    expect(row!.status).toBe('CREATED');
    expect(errorOf((await stack.graphql(ACCEPT, { id }, t.hakon)).body)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('the consent request has expired'),
    });
  });
});

describe('MyConsents', () => {
  it('lists the consents HÅKON has given and his consent log, newest first', async () => {
    const { id } = await ask({ from: URN.hakon, rights: income('2022') });
    await accept(id, t.hakon);
    await stack.graphql(REVOKE, { id }, t.hakon);
    const { body } = await stack.graphql(MY_CONSENTS, {}, t.hakon);
    expect(body.errors).toBeUndefined();
    const { consentsGiven, consentLog } = body.data.me;
    expect(consentsGiven[0]).toMatchObject({
      id,
      to: { urn: URN.banken, name: 'BANKEN AS' },
      status: 'REVOKED',
      rights: [{ resource: { id: 'ske-inntekt-skattegrunnlag' }, metadata: { inntektsaar: '2022' } }],
    });
    expect(consentsGiven.every((c: { status: string }) => ['ACCEPTED', 'REVOKED', 'USED', 'EXPIRED'].includes(c.status))).toBe(true);
    expect(consentLog.slice(0, 3)).toEqual([
      { type: 'REVOKED', at: expect.any(String), consent: { id } },
      { type: 'ACCEPTED', at: expect.any(String), consent: { id } },
      { type: 'CREATED', at: expect.any(String), consent: { id } },
    ]);
    const times = consentLog.map((e: { at: string }) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('shows a person’s consents to their representatives only', async () => {
    const query = `query($urn: String!) { party(urn: $urn) { consentsGiven { id } } }`;
    expect((await stack.graphql(query, { urn: URN.emma }, t.hakon)).body.errors).toBeUndefined();
    expect(errorOf((await stack.graphql(query, { urn: URN.hakon }, t.kari)).body)?.code).toBe('FORBIDDEN');
  });
});

describe('the requester’s event feed', () => {
  type Page = {
    edges: { cursor: string; node: { type: string; consent: { id: string } } }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
  const page = async (after: string | null, first: number, token = t.banken): Promise<Page> => {
    const { body } = await stack.graphql(FEED, { after, first }, token);
    expect(body.errors).toBeUndefined();
    return body.data.consentEventFeed;
  };

  it('pages through every event on BANKEN’s requests without gaps or repeats, also while events are written', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let created = '';
    for (let i = 0; ; i++) {
      const p = await page(after, 3);
      seen.push(...p.edges.map((e) => `${e.node.consent.id}:${e.node.type}`));
      after = p.pageInfo.endCursor;
      // Events written mid-way must turn up on a later page.
      if (i === 1) created = (await ask({ from: URN.hakon, rights: income() })).id;
      if (!p.pageInfo.hasNextPage) break;
    }
    const banken = partyUuid('310000108');
    const expected = await stack.database.db
      .select({ consentId: consentEvents.consentId, type: consentEvents.type })
      .from(consentEvents)
      .innerJoin(consentRequests, eq(consentRequests.id, consentEvents.consentId))
      .where(or(eq(consentRequests.toId, banken), eq(consentRequests.handledById, banken)))
      .orderBy(consentEvents.id);
    expect(seen).toEqual(expected.map((e) => `${e.consentId}:${e.type}`));
    expect(seen).toContain(`${created}:CREATED`);

    const tail = await page(after, 100);
    expect(tail).toEqual({ edges: [], pageInfo: { endCursor: after, hasNextPage: false } });
  });

  it('shows FINANSIERING AS none of BANKEN’s events', async () => {
    const { id } = await ask({ from: URN.hakon, rights: income() }, t.finansiering);
    const p = await page(null, 500, t.finansiering);
    expect(p.edges.map((e) => `${e.node.consent.id}:${e.node.type}`)).toEqual([`${id}:CREATED`]);
  });

  it('refuses a foreign cursor and pages over 500', async () => {
    expect(errorOf((await stack.graphql(FEED, { after: 'bm9wZQ', first: 10 }, t.banken)).body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(errorOf((await stack.graphql(FEED, { first: 501 }, t.banken)).body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('batching', () => {
  it('reads all of BANKEN’s requests, with rights, events, texts and receipts, in as many statements for more requests', async () => {
    const query = /* GraphQL */ `{
      me { consentsReceived { id status from { name } rights { resource { id } metadata } events { type performedBy { urn } } template { renderedText } receipt { sha256 } } }
    }`;
    const statements = async () => {
      const before = stack.database.statementCount();
      const { body } = await stack.graphql(query, {}, t.banken);
      expect(body.errors).toBeUndefined();
      return { statements: stack.database.statementCount() - before, requests: body.data.me.consentsReceived.length as number };
    };
    const askAndAcceptHalf = async (years: string[]) => {
      for (const [i, year] of years.entries()) {
        const { id } = await ask({ from: i % 2 ? URN.emma : URN.hakon, rights: income(year) });
        if (i % 2 === 0) await accept(id, t.hakon);
      }
    };
    await askAndAcceptHalf(['2016', '2017']);
    const fewer = await statements();
    await askAndAcceptHalf(['2018', '2019', '2020', '2021']);
    const more = await statements();
    expect(more.requests).toBe(fewer.requests + 4);
    expect(more.statements).toBe(fewer.statements);
  });
});
