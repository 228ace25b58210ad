import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoryDatabase, storyPartyIds, type Database } from '@hub/db';
import { accessPackagesByUrns } from '@hub/db/roles/read';
import { delegationRight } from '../delegation/delegation-rights';
import { delegableRights } from './delegable-rights';

let database: Database;
let id: (key: string) => string;
beforeAll(async () => {
  database = await openStoryDatabase();
  id = await storyPartyIds(database.db);
});
afterAll(() => database?.close());

const loadPackages = async (urns: string[]) => {
  const rows = await accessPackagesByUrns(database.db, urns);
  return urns.map((u) => rows.find((r) => r.urn === u) ?? null);
};
const mayGive = (viewer: string, party: string) => delegableRights(database.db, id(viewer), id(party), 3, loadPackages);
const pkg = (name: string) => `urn:altinn:accesspackage:${name}`;

describe('what a person may delegate for a party', () => {
  it('offers the general manager the service’s actions and the delegable packages her role grants, not the main-administrator package', async () => {
    expect(await mayGive('kari', 'tranabygg')).toEqual({
      resources: [{ id: 'ske-mva-melding', actions: ['read', 'write', 'sign'] }],
      packages: [pkg('merverdiavgift'), pkg('skattegrunnlag')],
    });
    // The subunit inherits her role on the main unit.
    expect((await mayGive('kari', 'tranaavd')).packages).toEqual([pkg('merverdiavgift'), pkg('skattegrunnlag')]);
  });

  it('offers nothing to someone who does not administer the party, nor client packages to a firm’s manager', async () => {
    expect(await mayGive('siri', 'tranabygg')).toEqual({ resources: [], packages: [] });
    expect(await mayGive('arian', 'tranabygg')).toEqual({ resources: [], packages: [] });
  });

  it('offers exactly what delegate accepts', async () => {
    const offered = await mayGive('kari', 'tranabygg');
    for (const r of offered.resources) {
      const right = await delegationRight(database.db, id('kari'), {
        fromId: id('tranabygg'),
        toId: id('siri'),
        fromLabel: 'TRANA BYGG AS',
        resource: { id: r.id, delegable: true },
        actions: r.actions,
        package: null,
        viewerLevel: 3,
      });
      expect(right.ok).toBe(true);
    }
    for (const urn of offered.packages) {
      const right = await delegationRight(database.db, id('kari'), {
        fromId: id('tranabygg'),
        toId: id('siri'),
        fromLabel: 'TRANA BYGG AS',
        resource: null,
        actions: null,
        package: { urn, delegable: true, clientPackage: false },
        viewerLevel: 3,
      });
      expect(right.ok).toBe(true);
    }
  });
});
