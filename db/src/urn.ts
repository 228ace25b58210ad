import { nationalIdentityNumberProblem, organizationNumberProblem } from './identifiers';
import { parseUuid } from './uuid';

export const PERSON_URN_PREFIX = 'urn:altinn:person:identifier-no:';
export const ORGANIZATION_URN_PREFIX = 'urn:altinn:organization:identifier-no:';
export const PARTY_UUID_URN_PREFIX = 'urn:altinn:party:uuid:';

export type PartyRef =
  { kind: 'person'; nationalIdentityNumber: string } | { kind: 'organization'; organizationNumber: string } | { kind: 'uuid'; id: string };

export type ParsedUrn = { ok: true; ref: PartyRef } | { ok: false; problem: string };

/** Parses a party URN in one of its three forms, saying what is wrong when it is not one. */
export function parsePartyUrn(urn: string): ParsedUrn {
  if (urn.startsWith(PERSON_URN_PREFIX)) {
    const value = urn.slice(PERSON_URN_PREFIX.length);
    const problem = nationalIdentityNumberProblem(value);
    return problem ? { ok: false, problem } : { ok: true, ref: { kind: 'person', nationalIdentityNumber: value } };
  }
  if (urn.startsWith(ORGANIZATION_URN_PREFIX)) {
    const value = urn.slice(ORGANIZATION_URN_PREFIX.length);
    const problem = organizationNumberProblem(value);
    return problem ? { ok: false, problem } : { ok: true, ref: { kind: 'organization', organizationNumber: value } };
  }
  if (urn.startsWith(PARTY_UUID_URN_PREFIX)) {
    const id = parseUuid(urn.slice(PARTY_UUID_URN_PREFIX.length));
    return id ? { ok: true, ref: { kind: 'uuid', id } } : { ok: false, problem: 'the party uuid is not a UUID' };
  }
  return {
    ok: false,
    problem: `a party URN starts with ${PERSON_URN_PREFIX}, ${ORGANIZATION_URN_PREFIX} or ${PARTY_UUID_URN_PREFIX}`,
  };
}

export const personUrn = (nationalIdentityNumber: string) => `${PERSON_URN_PREFIX}${nationalIdentityNumber}`;
export const organizationUrn = (organizationNumber: string) => `${ORGANIZATION_URN_PREFIX}${organizationNumber}`;
export const partyUuidUrn = (id: string) => `${PARTY_UUID_URN_PREFIX}${id}`;

/** A party row's person or organisation URN, as tokens, receipts and the graph name it. */
export function urnOfParty(party: {
  type: 'PERSON' | 'ORGANIZATION';
  nationalIdentityNumber: string | null;
  organizationNumber: string | null;
}): string {
  return party.type === 'PERSON' ? personUrn(party.nationalIdentityNumber!) : organizationUrn(party.organizationNumber!);
}

/** A party row's register number: 11 digits for a person, 9 for an organisation. */
export const numberOfParty = (party: { nationalIdentityNumber: string | null; organizationNumber: string | null }): string =>
  party.nationalIdentityNumber ?? party.organizationNumber!;
