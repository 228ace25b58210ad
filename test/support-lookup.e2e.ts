import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGS, verifyLog } from '@hub/db';
import { supportLookups } from '@hub/db/delegations';
import { contractOperation } from './support/contract';
import { CREATE, errorOf, inSeconds, unknownOrganizationNumber, URN } from './support/consents';
import { startTestStack, type TestStack } from './support/stack';
import { signedSubgraphRequest } from './support/subgraph';

let stack: TestStack;
let support: string;
let hakon: string;
let kari: string;
let siri: string;
let banken: string;
beforeAll(async () => {
  stack = await startTestStack();
  [support, hakon, kari, siri, banken] = await Promise.all([
    stack.token({ client: 'altinn-brukerservice' }),
    stack.personToken('hakon'),
    stack.personToken('kari'),
    stack.personToken('siri'),
    stack.token({ client: 'banken-system' }),
  ]);
});
afterAll(() => stack?.close());

const LOOKUP = contractOperation('SupportLookup');
const MINE = contractOperation('MySupportLookups');
const PARTY_LOOKUPS = /* GraphQL */ `
  query ($party: String!) { party(urn: $party) { supportLookups { at caseNumber reason lookedUpBy { name } } } }`;

/** The database's own message for a refused statement (drizzle wraps it). */
const refusal = (statement: PromiseLike<unknown>) =>
  Promise.resolve(statement).then(
    () => 'accepted',
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

const rowCount = async () => (await stack.database.db.select({ n: count() }).from(supportLookups))[0]!.n;

describe('a support lookup', () => {
  it('is refused without a case number, or with one not of the form YYYY-NNNN, and nothing is logged', async () => {
    const before = await rowCount();
    for (const caseNumber of ['', '   ', 'sak 12', '2026-12', '26-1234']) {
      const { body } = await stack.graphql(LOOKUP, { party: URN.hakon, caseNumber, reason: 'Ringte inn' }, support);
      expect(body.data?.supportLookup ?? null).toBeNull();
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
    }
    // Leaving the argument out does not even validate.
    const { body } = await stack.graphql(`mutation { supportLookup(party: "${URN.hakon}") { id party { name } } }`, {}, support);
    expect(body.data).toBeUndefined();
    expect(errorOf(body)?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await rowCount()).toBe(before);
  });

  it('is refused without the support scope: a person, an organisation without it, no token', async () => {
    const before = await rowCount();
    for (const token of [hakon, banken]) {
      const { body } = await stack.graphql(LOOKUP, { party: URN.hakon, caseNumber: '2026-1234' }, token);
      expect(body.data?.supportLookup ?? null).toBeNull();
      expect(errorOf(body)?.code).toBe('FORBIDDEN');
    }
    const { body } = await stack.graphql(LOOKUP, { party: URN.hakon, caseNumber: '2026-1234' });
    expect(errorOf(body)?.code).toBe('UNAUTHENTICATED');
    expect(await rowCount()).toBe(before);
  });

  it('of an unknown party is NOT_FOUND and logs nothing; a malformed URN is BAD_USER_INPUT on party', async () => {
    const before = await rowCount();
    const unknown = `urn:altinn:organization:identifier-no:${unknownOrganizationNumber()}`;
    expect(errorOf((await stack.graphql(LOOKUP, { party: unknown, caseNumber: '2026-1234' }, support)).body)?.code).toBe('NOT_FOUND');
    expect(errorOf((await stack.graphql(LOOKUP, { party: 'urn:nope', caseNumber: '2026-1234' }, support)).body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'party',
    });
    expect(await rowCount()).toBe(before);
  });

  it('with a case number returns the person’s roles, authorized parties and consents, and HÅKON sees it on his page', async () => {
    const created = await stack.graphql(
      CREATE,
      {
        input: {
          from: URN.hakon,
          validTo: inSeconds(3600),
          rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
          redirectUrl: 'http://localhost:9999/callback',
        },
      },
      banken,
    );
    const consentId = created.body.data!.createConsentRequest.id as string;

    const started = Date.now();
    const { body } = await stack.graphql(LOOKUP, { party: URN.hakon, caseNumber: '2026-1234', reason: 'Finner ikke fullmakten sin' }, support);
    expect(body.errors).toBeUndefined();
    const lookup = body.data!.supportLookup;
    expect(lookup).toMatchObject({ caseNumber: '2026-1234', party: { name: 'HÅKON TRANA', type: 'PERSON' } });
    expect(lookup.rolesHeld.map((r: { roleCode: string; from: { name: string } }) => `${r.roleCode} ${r.from.name}`).sort()).toEqual([
      'FORELDREANSVAR EMMA TRANA',
      'LEDE TRANA BYGG AS',
    ]);
    // His lawyer holds a register role for him (ADVOKATTILSYNET, the tax matter area).
    expect(lookup.roleHolders.map((r: { roleCode: string; to: { name: string } }) => `${r.roleCode} ${r.to.name}`)).toEqual([
      'ADVOKAT-SKATT INGRID LOVDAL',
    ]);
    expect(lookup.authorizedParties.map((p: { party: { name: string } }) => p.party.name)).toEqual(
      expect.arrayContaining(['TRANA BYGG AS', 'EMMA TRANA']),
    );
    expect(lookup.consents).toContainEqual(
      expect.objectContaining({
        id: consentId,
        status: 'CREATED',
        to: { urn: URN.banken, name: 'BANKEN AS' },
        resources: ['ske-inntekt-skattegrunnlag'],
      }),
    );

    const mine = (await stack.graphql(MINE, {}, hakon)).body;
    expect(mine.errors).toBeUndefined();
    const entry = mine.data!.me.supportLookups[0];
    expect(entry).toMatchObject({
      caseNumber: '2026-1234',
      reason: 'Finner ikke fullmakten sin',
      lookedUpBy: { urn: URN.digdir, name: 'DIGITALISERINGSDIREKTORATET' },
    });
    expect(entry.at).toBe(lookup.at);
    expect(Math.abs(Date.parse(entry.at) - started)).toBeLessThan(60_000);

    // Nobody else sees HÅKON's lookups: KARI has her own (empty) list and may not read his.
    expect((await stack.graphql(MINE, {}, kari)).body.data!.me.supportLookups).toEqual([]);
    expect(errorOf((await stack.graphql(PARTY_LOOKUPS, { party: URN.hakon }, kari)).body)?.code).toBe('FORBIDDEN');
  });

  it('of an organisation shows its role holders and delegations, and its administrators see the lookup', async () => {
    const delegated = await stack.graphql(
      contractOperation('Delegate'),
      { input: { from: URN.tranabygg, to: URN.arian, resource: 'ske-mva-melding', actions: ['read'] } },
      kari,
    );
    expect(delegated.body.errors).toBeUndefined();
    const { body } = await stack.graphql(LOOKUP, { party: URN.tranabygg, caseNumber: '2026-0042' }, support);
    expect(body.errors).toBeUndefined();
    const lookup = body.data!.supportLookup;
    expect(lookup.roleHolders.map((r: { roleCode: string }) => r.roleCode)).toEqual(expect.arrayContaining(['DAGL', 'LEDE', 'REGN', 'REVI']));
    expect(lookup.rolesHeld).toEqual([]);
    expect(lookup.delegationsGiven).toContainEqual(
      expect.objectContaining({
        id: delegated.body.data!.delegate.id,
        to: expect.objectContaining({ name: 'ARIAN ROLANDSEN' }),
        resource: 'ske-mva-melding',
        actions: ['read'],
      }),
    );
    expect(lookup.delegationsReceived).toEqual([]);

    const seen = (await stack.graphql(PARTY_LOOKUPS, { party: URN.tranabygg }, kari)).body;
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.party.supportLookups[0]).toMatchObject({
      caseNumber: '2026-0042',
      reason: null,
      lookedUpBy: { name: 'DIGITALISERINGSDIREKTORATET' },
    });
    // SIRI works for the accountant, not an administrator of TRANA BYGG.
    expect(errorOf((await stack.graphql(PARTY_LOOKUPS, { party: URN.tranabygg }, siri)).body)?.code).toBe('FORBIDDEN');
  });

  it('fails closed: when the log cannot be written, no data is returned', async () => {
    const db = stack.database.db;
    await db.execute(
      sql.raw(`CREATE FUNCTION support_lookups_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'log disk full'; END; $$`),
    );
    await db.execute(
      sql.raw(
        `CREATE TRIGGER support_lookups_fail BEFORE INSERT ON delegations.support_lookups FOR EACH ROW EXECUTE FUNCTION support_lookups_test_refuse()`,
      ),
    );
    try {
      const before = await rowCount();
      const { body } = await stack.graphql(LOOKUP, { party: URN.hakon, caseNumber: '2026-1235' }, support);
      expect(body.data?.supportLookup ?? null).toBeNull();
      expect(errorOf(body)?.code).toBe('INTERNAL');
      expect(JSON.stringify(body)).not.toContain('TRANA');
      expect(await rowCount()).toBe(before);
    } finally {
      await db.execute(sql.raw(`DROP TRIGGER support_lookups_fail ON delegations.support_lookups`));
      await db.execute(sql.raw(`DROP FUNCTION support_lookups_test_refuse()`));
    }
    const { body } = await stack.graphql(LOOKUP, { party: URN.hakon, caseNumber: '2026-1235' }, support);
    expect(body.data?.supportLookup.caseNumber).toBe('2026-1235');
  });
});

describe('the SupportLookup entity, asked of each subgraph directly as the router would', () => {
  const orgViewer = (orgNo: string, clientId: string, scope = 'altinn:support.read') => ({
    consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${orgNo}` },
    scope,
    client_id: clientId,
  });
  const DIGDIR = '310001201';
  const entities = (subgraph: 'delegations' | 'consents', id: string, viewer: Record<string, unknown>) =>
    signedSubgraphRequest(stack.subgraphUrls[subgraph]!, {
      query:
        subgraph === 'delegations'
          ? `query($r: [_Any!]!) { _entities(representations: $r) { ... on SupportLookup { caseNumber rolesHeld { roleCode } } } }`
          : `query($r: [_Any!]!) { _entities(representations: $r) { ... on SupportLookup { consents { id } } } }`,
      variables: { r: [{ __typename: 'SupportLookup', id }] },
      viewer,
    });

  it('answers only the support organisation and client that logged the lookup, and only right after it', async () => {
    const { body } = await stack.graphql(LOOKUP, { party: URN.hakon, caseNumber: '2026-7777' }, support);
    const id = body.data!.supportLookup.id as string;
    for (const subgraph of ['delegations', 'consents'] as const) {
      const own = await entities(subgraph, id, orgViewer(DIGDIR, 'altinn-brukerservice'));
      expect(own.body.errors, subgraph).toBeUndefined();
      expect(own.body.data._entities[0]).not.toBeNull();
      for (const viewer of [
        orgViewer('310000108', 'banken-system'),
        orgViewer(DIGDIR, 'another-system'),
        orgViewer(DIGDIR, 'altinn-brukerservice', 'altinn:consentrequests.read'),
        { pid: '12888510018', scope: 'altinn:support.read' },
      ]) {
        const other = await entities(subgraph, id, viewer);
        expect(other.body.data?._entities?.[0] ?? null, `${subgraph} ${JSON.stringify(viewer)}`).toBeNull();
        expect(errorOf(other.body)?.code).toBe('FORBIDDEN');
      }
    }
    // A lookup logged ten minutes ago opens nothing any more, to its own maker either.
    const [old] = await stack.database.db
      .insert(supportLookups)
      .values({
        actorId: await stack.partyId('digdir'),
        clientId: 'altinn-brukerservice',
        partyId: await stack.partyId('hakon'),
        caseNumber: '2026-7778',
        at: new Date(Date.now() - 10 * 60_000),
      })
      .returning();
    for (const subgraph of ['delegations', 'consents'] as const) {
      const late = await entities(subgraph, String(old!.id), orgViewer(DIGDIR, 'altinn-brukerservice'));
      expect(errorOf(late.body)?.code, subgraph).toBe('FORBIDDEN');
    }
  });
});

describe('the support lookup log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE, and its hash chain verifies', async () => {
    const db = stack.database.db;
    expect(await rowCount()).toBeGreaterThan(0);
    const before = await rowCount();
    expect(await refusal(db.update(supportLookups).set({ caseNumber: '2026-9999' }))).toMatch(/support_lookups is append-only: UPDATE refused/);
    expect(await refusal(db.delete(supportLookups).where(eq(supportLookups.caseNumber, '2026-1234')))).toMatch(
      /support_lookups is append-only: DELETE refused/,
    );
    expect(await refusal(db.execute(sql.raw('TRUNCATE delegations.support_lookups')))).toMatch(/append-only: TRUNCATE refused/);
    expect(await rowCount()).toBe(before);
    const log = LOGS.find((l) => l.name === 'delegations.support_lookups')!;
    expect(await verifyLog(db, log)).toMatchObject({ rows: await rowCount(), broken: null });
  });
});
