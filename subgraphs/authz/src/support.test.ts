import { describe, expect, it } from 'vitest';
import type { Viewer } from '@hub/kit';
import { mayReadThroughLookup, SUPPORT_LOOKUP_TTL_MS, SUPPORT_SCOPE } from './support';

const DIGDIR = '00000000-0000-4000-8000-000000000001';
const now = new Date('2026-12-01T10:00:00Z');
const lookup = { actorId: DIGDIR, clientId: 'altinn-brukerservice', at: new Date(now.getTime() - 1000) };
const support: Viewer = {
  kind: 'organization',
  organizationNumber: '310001201',
  partyUrn: 'urn:altinn:organization:identifier-no:310001201',
  partyId: DIGDIR,
  registered: true,
  scopes: [SUPPORT_SCOPE],
  clientId: 'altinn-brukerservice',
};

describe('reading through a logged support lookup', () => {
  it('is for the support organisation and client that logged it, right after', () => {
    expect(mayReadThroughLookup(lookup, support, now)).toBe(true);
  });

  it('is refused to anyone else, without the scope, and once the lookup is old', () => {
    expect(mayReadThroughLookup(lookup, null, now)).toBe(false);
    expect(mayReadThroughLookup(lookup, { ...support, scopes: [] }, now)).toBe(false);
    expect(mayReadThroughLookup(lookup, { ...support, clientId: 'other-system' }, now)).toBe(false);
    expect(mayReadThroughLookup(lookup, { ...support, partyId: '00000000-0000-4000-8000-000000000002' }, now)).toBe(false);
    const person: Viewer = {
      kind: 'person',
      nationalIdentityNumber: '17857210042',
      authenticationLevel: 3,
      partyUrn: 'urn:altinn:person:identifier-no:17857210042',
      partyId: DIGDIR,
      registered: true,
      scopes: [SUPPORT_SCOPE],
      clientId: 'altinn-brukerservice',
    };
    expect(mayReadThroughLookup(lookup, person, now)).toBe(false);
    expect(mayReadThroughLookup({ ...lookup, at: new Date(now.getTime() - SUPPORT_LOOKUP_TTL_MS) }, support, now)).toBe(false);
  });
});
