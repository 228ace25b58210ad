import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoryDatabase, seedStory, storyPartyIds, type Database } from '@hub/db';
import { insertAcceptedConsents } from '@hub/db/testing';
import { delegations } from '@hub/db/delegations';
import { roleAssignments } from '@hub/db/roles';
import { authorizedParties } from './authorized-parties';
import { decide } from './decide';
import type { DecisionRequest } from './types';

let database: Database;
let id: (key: string) => string;
beforeAll(async () => {
  database = await openStoryDatabase();
  id = await storyPartyIds(database.db);
});
afterAll(() => database?.close());

const ask = (subject: string, party: string, resourceId: string, action: string): DecisionRequest => ({
  subjectId: id(subject),
  partyId: id(party),
  resourceId,
  action,
});
const one = async (r: DecisionRequest, now?: Date) => (await decide(database.db, [r], now))[0]!;

describe('decide', () => {
  it('permits the general manager through her role and the packages it grants', async () => {
    expect(await one(ask('kari', 'tranabygg', 'ske-mva-melding', 'sign'))).toEqual({
      decision: 'PERMIT',
      reasons: [
        { source: 'ROLE', via: 'urn:altinn:external-role:ccr:daglig-leder' },
        { source: 'ACCESS_PACKAGE', via: 'urn:altinn:accesspackage:merverdiavgift' },
      ],
      obligations: { minimumAuthenticationLevel: 3 },
    });
  });

  it('lets a subunit inherit from its main unit', async () => {
    expect((await one(ask('kari', 'tranaavd', 'ske-mva-melding', 'sign'))).decision).toBe('PERMIT');
  });

  it('denies someone with no path, and says NOT_APPLICABLE where the policy is silent', async () => {
    expect(await one(ask('astrid', 'tranabygg', 'ske-mva-melding', 'sign'))).toMatchObject({ decision: 'DENY', reasons: [] });
    expect((await one(ask('kari', 'tranabygg', 'brreg-konkurs', 'read'))).decision).toBe('NOT_APPLICABLE');
  });

  it('is INDETERMINATE for a party or resource it does not know', async () => {
    const unknownParty = { ...ask('kari', 'tranabygg', 'ske-mva-melding', 'read'), partyId: randomUUID() };
    expect((await one(unknownParty)).decision).toBe('INDETERMINATE');
    expect((await one(ask('kari', 'tranabygg', 'no-such-resource', 'read'))).decision).toBe('INDETERMINATE');
  });

  it('gives the auditor read but not sign', async () => {
    expect((await one(ask('revisjon', 'tranabygg', 'ske-mva-melding', 'read'))).decision).toBe('PERMIT');
    expect((await one(ask('revisjon', 'tranabygg', 'ske-mva-melding', 'sign'))).decision).toBe('DENY');
  });

  it('lets parents and guardians act within their mandate packages', async () => {
    expect((await one(ask('hakon', 'emma', 'digilaer-personopplysninger', 'consent'))).reasons).toEqual([
      { source: 'ACCESS_PACKAGE', via: 'urn:altinn:accesspackage:innbygger-barn' },
    ]);
    expect((await one(ask('arian', 'astrid', 'ske-inntekt-skattegrunnlag', 'consent'))).decision).toBe('PERMIT');
    expect((await one(ask('arian', 'astrid', 'digilaer-personopplysninger', 'consent'))).decision).toBe('DENY');
  });

  it('counts a client delegation while active, backed by the firm’s role, and unrevoked', async () => {
    const request = ask('siri', 'tranabygg', 'ske-mva-melding', 'sign');
    expect((await one(request)).decision).toBe('DENY');
    const [d] = await database.db
      .insert(delegations)
      .values({
        fromId: id('tranabygg'),
        toId: id('siri'),
        packageUrn: 'urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet',
        facilitatorId: id('regnskap'),
        createdById: id('arian'),
      })
      .returning();
    expect(await one(request)).toMatchObject({ decision: 'PERMIT', reasons: [{ source: 'DELEGATION', via: d!.id }] });

    // The firm loses its REGN role for the client: the delegation no longer counts.
    await database.db.delete(roleAssignments).where(eq(roleAssignments.roleCode, 'REGN'));
    expect((await one(request)).decision).toBe('DENY');
    await seedStory(database.db);
    expect((await one(request)).decision).toBe('PERMIT');

    await database.db.update(delegations).set({ revokedAt: new Date() }).where(eq(delegations.id, d!.id));
    expect((await one(request)).decision).toBe('DENY');
  });

  it('ignores a delegation past its validTo', async () => {
    const validTo = new Date(Date.now() + 60_000);
    await database.db.insert(delegations).values({
      fromId: id('tranabygg'),
      toId: id('arian'),
      resourceId: 'ske-mva-melding',
      actions: ['read'],
      validTo,
      createdById: id('kari'),
    });
    const request = ask('arian', 'tranabygg', 'ske-mva-melding', 'read');
    expect((await one(request)).decision).toBe('PERMIT');
    expect((await one(ask('arian', 'tranabygg', 'ske-mva-melding', 'sign'))).decision).toBe('DENY');
    expect((await one(request, new Date(validTo.getTime() + 1))).decision).toBe('DENY');
  });

  it('answers 1,000 requests in order with as many statements as 10', async () => {
    const keys = ['kari', 'astrid', 'hakon', 'siri', 'arian'];
    const batch = (n: number) =>
      Array.from({ length: n }, (_, i) => ask(keys[i % keys.length]!, 'tranabygg', 'ske-mva-melding', ['read', 'sign'][i % 2]!));
    const count = async (n: number) => {
      const before = database.statementCount();
      const answers = await decide(database.db, batch(n));
      return { statements: database.statementCount() - before, answers };
    };
    const ten = await count(10);
    const thousand = await count(1000);
    expect(thousand.answers).toHaveLength(1000);
    expect(thousand.answers[0]!.decision).toBe('PERMIT');
    expect(thousand.answers[1]!.decision).toBe('DENY');
    expect(thousand.statements).toBe(ten.statements);
    expect(thousand.statements).toBeLessThanOrEqual(10);
  });
});

describe('authorizedParties', () => {
  it('lists every party a person may act for, with subunits through their main unit', async () => {
    const list = await authorizedParties(database.db, id('kari'));
    const byId = new Map(list.map((p) => [p.partyId, p]));
    expect(byId.get(id('tranabygg'))?.reasons).toEqual([{ source: 'ROLE', via: 'urn:altinn:external-role:ccr:daglig-leder' }]);
    expect(byId.get(id('tranaavd'))).toMatchObject({ viaMainUnitId: id('tranabygg') });
    expect(byId.has(id('banken'))).toBe(true);
    expect(byId.has(id('kari'))).toBe(false);
  });
});

describe('consents in the decision point', () => {
  it('permits the recipient of an accepted, unexpired consent for `consent` on its resources', async () => {
    const request = ask('banken', 'hakon', 'ske-inntekt-skattegrunnlag', 'consent');
    expect((await one(request)).decision).not.toBe('PERMIT');
    const [consentId] = await insertAcceptedConsents(database.db, {
      fromId: id('hakon'),
      toId: id('banken'),
      rights: [{ resourceId: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
    });
    expect(await one(request)).toMatchObject({ decision: 'PERMIT', reasons: [{ source: 'CONSENT', via: consentId }] });
    expect((await one(ask('banken', 'hakon', 'nav-aap-uforetrygd', 'consent'))).decision).not.toBe('PERMIT');
    expect((await one(ask('finansiering', 'hakon', 'ske-inntekt-skattegrunnlag', 'consent'))).decision).not.toBe('PERMIT');
    expect((await one(request, new Date(Date.now() + 7200_000))).decision).not.toBe('PERMIT');
  });
});
