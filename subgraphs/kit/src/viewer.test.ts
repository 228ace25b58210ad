import { describe, expect, it } from 'vitest';
import { openStoryDatabase } from '@hub/db';
import { authenticationLevelOf, IDENTITY_KIND_CLAIM, viewerFromClaims } from './viewer';
import { createViewerPartyIds } from './viewer-party-ids';

const person = { [IDENTITY_KIND_CLAIM]: 'person' };
const organization = { [IDENTITY_KIND_CLAIM]: 'organization' };
const consumer = { authority: 'iso6523-actorid-upis', ID: '0192:310000108' };
const registered = async (number: string) => (number === '17857210042' ? 'kari-id' : number === '310000108' ? 'banken-id' : null);

describe('viewerFromClaims', () => {
  it('reads an ID-porten-like person token and looks its party id up', async () => {
    expect(await viewerFromClaims({ ...person, pid: '17857210042', acr: 'idporten-loa-high', scope: 'openid x' }, registered)).toMatchObject({
      kind: 'person',
      nationalIdentityNumber: '17857210042',
      partyId: 'kari-id',
      registered: true,
      partyUrn: 'urn:altinn:person:identifier-no:17857210042',
      authenticationLevel: 4,
      scopes: ['openid', 'x'],
    });
  });
  it('reads a Maskinporten-like organisation token', async () => {
    expect(await viewerFromClaims({ ...organization, consumer, scope: 'a', client_id: 'c' }, registered)).toMatchObject({
      kind: 'organization',
      organizationNumber: '310000108',
      partyId: 'banken-id',
      scopes: ['a'],
      clientId: 'c',
    });
  });
  it('gives a viewer the register does not know a fresh id each time, matching no party', async () => {
    const a = await viewerFromClaims({ ...person, pid: '01018012345' }, registered);
    const b = await viewerFromClaims({ ...person, pid: '01018012345' }, registered);
    expect(a).toMatchObject({ kind: 'person', registered: false });
    expect(a!.partyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(a!.partyId).not.toBe(b!.partyId);
  });
  it('is nobody for anything else', async () => {
    expect(await viewerFromClaims(undefined, registered)).toBeNull();
    expect(await viewerFromClaims({ ...person, sub: 'x' }, registered)).toBeNull();
    expect(await viewerFromClaims({ ...person, pid: '123' }, registered)).toBeNull();
  });
  it('accepts person claims only from a person issuer, organisation claims only from an organisation issuer', async () => {
    expect(await viewerFromClaims({ pid: '17857210042' }, registered)).toBeNull();
    expect(await viewerFromClaims({ ...organization, pid: '17857210042' }, registered)).toBeNull();
    expect(await viewerFromClaims({ ...person, consumer }, registered)).toBeNull();
    expect(await viewerFromClaims({ ...person, pid: '17857210042', consumer }, registered)).toBeNull();
    expect(await viewerFromClaims({ ...organization, pid: '17857210042', consumer }, registered)).toBeNull();
  });
});

describe('authenticationLevelOf', () => {
  it('maps ID-porten and Altinn levels, and fails closed on anything unknown', () => {
    expect(['idporten-loa-low', 'idporten-loa-substantial', 'idporten-loa-high'].map(authenticationLevelOf)).toEqual([2, 3, 4]);
    expect(['Level0', 'Level1', 'Level2', 'Level3', 'Level4'].map(authenticationLevelOf)).toEqual([0, 1, 2, 3, 4]);
    expect([undefined, '', 'idporten-loa-HIGH', 'toString', 3].map(authenticationLevelOf)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('createViewerPartyIds', () => {
  it('looks a number up once, then answers from memory; misses are asked again', async () => {
    const database = await openStoryDatabase();
    try {
      const lookup = createViewerPartyIds(database.db, 2);
      const before = database.statementCount();
      const [a, b] = await Promise.all([lookup('17857210042'), lookup('17857210042')]);
      expect(a).toMatch(/^[0-9a-f-]{36}$/);
      expect(b).toBe(a);
      expect(await lookup('17857210042')).toBe(a);
      expect(database.statementCount() - before).toBe(1);
      expect(await lookup('01018012345')).toBeNull();
      expect(await lookup('01018012345')).toBeNull();
      expect(database.statementCount() - before).toBe(3);
      // Bounded: two more numbers push the least recently used one out.
      await lookup('310000108');
      await lookup('310000507');
      await lookup('17857210042');
      expect(database.statementCount() - before).toBe(6);
    } finally {
      await database.close();
    }
  });
});
