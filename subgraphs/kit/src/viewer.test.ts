import { describe, expect, it } from 'vitest';
import { viewerFromClaims } from './viewer';

describe('viewerFromClaims', () => {
  it('reads an ID-porten-like person token', () => {
    expect(viewerFromClaims({ pid: '17857210042', acr: 'idporten-loa-high', scope: 'openid x' })).toMatchObject({
      kind: 'person',
      nationalIdentityNumber: '17857210042',
      partyUrn: 'urn:altinn:person:identifier-no:17857210042',
      authenticationLevel: 4,
      scopes: ['openid', 'x'],
    });
  });
  it('reads a Maskinporten-like organisation token', () => {
    expect(viewerFromClaims({ consumer: { authority: 'iso6523-actorid-upis', ID: '0192:310000108' }, scope: 'a', client_id: 'c' })).toMatchObject({
      kind: 'organization',
      organizationNumber: '310000108',
      scopes: ['a'],
      clientId: 'c',
    });
  });
  it('is nobody for anything else', () => {
    expect(viewerFromClaims(undefined)).toBeNull();
    expect(viewerFromClaims({ sub: 'x' })).toBeNull();
    expect(viewerFromClaims({ pid: '123' })).toBeNull();
  });
});
