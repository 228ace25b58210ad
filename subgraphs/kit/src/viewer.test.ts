import { describe, expect, it } from 'vitest';
import { authenticationLevelOf, IDENTITY_KIND_CLAIM, viewerFromClaims } from './viewer';

const person = { [IDENTITY_KIND_CLAIM]: 'person' };
const organization = { [IDENTITY_KIND_CLAIM]: 'organization' };
const consumer = { authority: 'iso6523-actorid-upis', ID: '0192:310000108' };

describe('viewerFromClaims', () => {
  it('reads an ID-porten-like person token', () => {
    expect(viewerFromClaims({ ...person, pid: '17857210042', acr: 'idporten-loa-high', scope: 'openid x' })).toMatchObject({
      kind: 'person',
      nationalIdentityNumber: '17857210042',
      partyUrn: 'urn:altinn:person:identifier-no:17857210042',
      authenticationLevel: 4,
      scopes: ['openid', 'x'],
    });
  });
  it('reads a Maskinporten-like organisation token', () => {
    expect(viewerFromClaims({ ...organization, consumer, scope: 'a', client_id: 'c' })).toMatchObject({
      kind: 'organization',
      organizationNumber: '310000108',
      scopes: ['a'],
      clientId: 'c',
    });
  });
  it('is nobody for anything else', () => {
    expect(viewerFromClaims(undefined)).toBeNull();
    expect(viewerFromClaims({ ...person, sub: 'x' })).toBeNull();
    expect(viewerFromClaims({ ...person, pid: '123' })).toBeNull();
  });
  it('accepts person claims only from a person issuer, organisation claims only from an organisation issuer', () => {
    expect(viewerFromClaims({ pid: '17857210042' })).toBeNull();
    expect(viewerFromClaims({ ...organization, pid: '17857210042' })).toBeNull();
    expect(viewerFromClaims({ ...person, consumer })).toBeNull();
    expect(viewerFromClaims({ ...person, pid: '17857210042', consumer })).toBeNull();
    expect(viewerFromClaims({ ...organization, pid: '17857210042', consumer })).toBeNull();
  });
});

describe('authenticationLevelOf', () => {
  it('maps ID-porten and Altinn levels, and fails closed on anything unknown', () => {
    expect(['idporten-loa-low', 'idporten-loa-substantial', 'idporten-loa-high'].map(authenticationLevelOf)).toEqual([2, 3, 4]);
    expect(['Level0', 'Level1', 'Level2', 'Level3', 'Level4'].map(authenticationLevelOf)).toEqual([0, 1, 2, 3, 4]);
    expect([undefined, '', 'idporten-loa-HIGH', 'toString', 3].map(authenticationLevelOf)).toEqual([0, 0, 0, 0, 0]);
  });
});
