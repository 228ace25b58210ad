import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoryDatabase, storyParty, storyPartyIds, type Database } from '@hub/db';
import { administeredBy } from '@hub/authz';
import { delegationRight, mayRevoke, type DelegationAsk } from './delegation-rights';

let database: Database;
let id: (key: string) => string;
beforeAll(async () => {
  database = await openStoryDatabase();
  id = await storyPartyIds(database.db);
});
afterAll(() => database?.close());

const mva = { id: 'ske-mva-melding', delegable: true };
const pkg = (name: string, delegable = true, clientPackage = false) => ({ urn: `urn:altinn:accesspackage:${name}`, delegable, clientPackage });
const ask = (from: string, to: string, what: Partial<DelegationAsk>): DelegationAsk => ({
  fromId: id(from),
  toId: id(to),
  fromLabel: storyParty(from).name,
  resource: null,
  actions: null,
  package: null,
  viewerLevel: 3,
  ...what,
});
const right = (viewer: string, a: DelegationAsk) => delegationRight(database.db, id(viewer), a);

describe('who may delegate what', () => {
  it('lets the general manager delegate what she may do herself, for the company and its subunit', async () => {
    expect(await right('kari', ask('tranabygg', 'arian', { resource: mva, actions: ['read', 'sign'] }))).toEqual({ ok: true, facilitatorId: null });
    expect(await right('kari', ask('tranaavd', 'arian', { resource: mva, actions: ['sign'] }))).toEqual({ ok: true, facilitatorId: null });
    expect(await right('hakon', ask('tranabygg', 'astrid', { package: pkg('merverdiavgift') }))).toEqual({ ok: true, facilitatorId: null });
  });

  it('refuses a package her roles do not give her, and one nobody may delegate', async () => {
    const client = await right('kari', ask('tranabygg', 'arian', { package: pkg('regnskapsforer-med-signeringsrettighet', true, true) }));
    expect(client).toMatchObject({ ok: false, reason: expect.stringContaining('your roles do not give it to you') });
    const admin = await right('kari', ask('tranabygg', 'arian', { package: pkg('hovedadministrator', false) }));
    expect(admin).toMatchObject({ ok: false, reason: expect.stringContaining('is not delegable') });
  });

  it('refuses someone who does not administer the party', async () => {
    const result = await right('arian', ask('tranabygg', 'siri', { resource: mva, actions: ['read'] }));
    expect(result).toEqual({ ok: false, code: 'NEEDS_ACCESS_MANAGER', reason: 'You may not delegate for TRANA BYGG AS: you do not administer it.' });
  });

  it('lets the accounting firm’s manager pass the client package to the firm’s own agent, with the firm as facilitator', async () => {
    const clientPackage = pkg('regnskapsforer-med-signeringsrettighet', true, true);
    expect(await right('arian', ask('tranabygg', 'siri', { package: clientPackage }))).toEqual({ ok: true, facilitatorId: id('regnskap') });
    const outsider = await right('arian', ask('tranabygg', 'astrid', { package: clientPackage }));
    expect(outsider).toMatchObject({ ok: false, reason: expect.stringContaining('with the recipient among its own people') });
    // The auditor's client package belongs to another firm.
    expect((await right('arian', ask('tranabygg', 'siri', { package: pkg('ansvarlig-revisor', true, true) }))).ok).toBe(false);
  });

  it('counts an administering role on the party or its main unit, or being the party', async () => {
    expect(await administeredBy(database.db, id('kari'), [id('tranabygg'), id('tranaavd'), id('regnskap'), id('kari')])).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect(await administeredBy(database.db, id('siri'), [id('regnskap')])).toEqual([false]);
  });

  it('lets the recipient and the firm’s administrator revoke a client delegation, and no one else', async () => {
    const d = { fromId: id('tranabygg'), toId: id('siri'), facilitatorId: id('regnskap') };
    expect(await mayRevoke(database.db, id('siri'), d)).toBe(true);
    expect(await mayRevoke(database.db, id('arian'), d)).toBe(true);
    expect(await mayRevoke(database.db, id('kari'), d)).toBe(true);
    expect(await mayRevoke(database.db, id('astrid'), d)).toBe(false);
  });

  it('refuses below the resource’s authentication level, for a resource and for a package of it', async () => {
    const resource = await right('kari', { ...ask('tranabygg', 'arian', { resource: mva, actions: ['read'] }), viewerLevel: 2 });
    expect(resource).toMatchObject({
      ok: false,
      code: 'AUTHENTICATION_LEVEL_TOO_LOW',
      reason: expect.stringContaining('needs authentication level 3'),
    });
    const pkgAsk = { ...ask('tranabygg', 'arian', { package: pkg('merverdiavgift') }), viewerLevel: 2 };
    expect(await right('kari', pkgAsk)).toMatchObject({ ok: false, code: 'AUTHENTICATION_LEVEL_TOO_LOW' });
  });

  it('lets a person give another person an area as a power of attorney, and no one else give it', async () => {
    const area = { ...pkg('innbygger-skatt', false), powerOfAttorney: true };
    const persons = { fromIsPerson: true, toIsPerson: true };
    expect(await right('kari', ask('kari', 'siri', { package: area, ...persons }))).toEqual({ ok: true, facilitatorId: null });
    expect(await right('hakon', ask('kari', 'siri', { package: area, ...persons }))).toMatchObject({ ok: false, code: 'NOT_HELD' });
    expect(await right('kari', ask('kari', 'banken', { package: area, fromIsPerson: true, toIsPerson: false }))).toMatchObject({
      ok: false,
      code: 'RECIPIENT_NOT_A_PERSON',
    });
    expect(await right('kari', ask('tranabygg', 'siri', { package: area, toIsPerson: true }))).toMatchObject({ ok: false, code: 'NOT_DELEGABLE' });
  });
});
