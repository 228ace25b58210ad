import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoryDatabase, story, storyPartyIds, type Database } from '@hub/db';
import { insertAcceptedConsents } from '@hub/db/testing';
import { delegations } from '@hub/db/delegations';
import { decide } from './decide';
import { authorizedResources, authorizedSubjects } from './search';

let database: Database;
let id: (key: string) => string;
beforeAll(async () => {
  database = await openStoryDatabase();
  id = await storyPartyIds(database.db);
});
afterAll(() => database?.close());

const everyone = [...story.persons.map((p) => p.key), ...story.organizations.map((o) => o.key)];

/** The story parties `decide` permits, asked one by one: what a search must list. */
async function permittedBy(ask: (key: string) => { subjectId: string; partyId: string; resourceId: string; action: string }) {
  const decisions = await decide(database.db, everyone.map(ask));
  return everyone.filter((_, i) => decisions[i]!.decision === 'PERMIT').sort();
}

describe('authorizedSubjects', () => {
  it('lists exactly whom decide permits, with the same paths, for every story party and action on the VAT return', async () => {
    const keyOf = new Map(everyone.map((k) => [id(k), k]));
    for (const party of everyone) {
      for (const action of ['read', 'write', 'sign']) {
        const hits = await authorizedSubjects(database.db, { partyId: id(party), resourceId: 'ske-mva-melding', action });
        const expected = await permittedBy((k) => ({ subjectId: id(k), partyId: id(party), resourceId: 'ske-mva-melding', action }));
        expect([party, action, hits.map((h) => keyOf.get(h.subjectId)).sort()]).toEqual([party, action, expected.filter((k) => k !== party)]);
      }
    }
    const kari = (await authorizedSubjects(database.db, { partyId: id('tranabygg'), resourceId: 'ske-mva-melding', action: 'sign' })).find(
      (h) => h.subjectId === id('kari'),
    );
    expect(kari?.decision.reasons).toContainEqual({ source: 'ROLE', via: 'urn:altinn:external-role:ccr:daglig-leder' });
  });

  it('finds a consent’s recipient, and the party that consented, for the action consent', async () => {
    const [consentId] = await insertAcceptedConsents(database.db, {
      fromId: id('hakon'),
      toId: id('banken'),
      rights: [{ resourceId: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
    });
    const hits = await authorizedSubjects(database.db, { partyId: id('hakon'), resourceId: 'ske-inntekt-skattegrunnlag', action: 'consent' });
    expect(hits.find((h) => h.subjectId === id('banken'))?.decision.reasons).toEqual([{ source: 'CONSENT', via: consentId }]);
    // And the other way round: the resource search finds the party that consented.
    const resources = await authorizedResources(database.db, {
      subjectId: id('banken'),
      resourceIds: ['ske-inntekt-skattegrunnlag'],
      action: 'consent',
    });
    expect(resources.find((h) => h.partyId === id('hakon'))?.decision.reasons).toEqual([{ source: 'CONSENT', via: consentId }]);
  });

  it('costs the same statements however many hold a path', async () => {
    const count = async () => {
      const before = database.statementCount();
      const hits = await authorizedSubjects(database.db, { partyId: id('tranabygg'), resourceId: 'ske-mva-melding', action: 'read' });
      return { statements: database.statementCount() - before, hits: hits.length };
    };
    const few = await count();
    await database.db.insert(delegations).values(
      story.persons.map((p) => ({
        fromId: id('tranabygg'),
        toId: id(p.key),
        resourceId: 'ske-mva-melding',
        actions: ['read'],
        createdById: id('kari'),
      })),
    );
    const many = await count();
    expect(many.hits).toBeGreaterThan(few.hits);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(16);
  });
});

describe('authorizedResources', () => {
  it('lists the parties KARI may sign the VAT return for, subunit included, exactly as decide permits', async () => {
    const hits = await authorizedResources(database.db, { subjectId: id('kari'), resourceIds: ['ske-mva-melding', 'brreg-konkurs'], action: 'sign' });
    const keyOf = new Map(everyone.map((k) => [id(k), k]));
    const expected = await permittedBy((k) => ({ subjectId: id('kari'), partyId: id(k), resourceId: 'ske-mva-melding', action: 'sign' }));
    expect(expected).toEqual(expect.arrayContaining(['tranaavd', 'tranabygg']));
    expect(hits.map((h) => `${h.resourceId} ${keyOf.get(h.partyId)}`).sort()).toEqual(expected.map((k) => `ske-mva-melding ${k}`));
  });
});
