import { badInput } from '@hub/kit';
import { parsePartyUrn, type PartyRef as UrnRef, type PartyRow } from '@hub/db';
import type { PartyLoaders } from './party.loader';

/** Parses a party URN argument; a malformed one is BAD_USER_INPUT naming `field`. */
export function parseUrnArg(urn: string, field: string): UrnRef {
  const parsed = parsePartyUrn(urn);
  if (!parsed.ok) throw badInput(field, parsed.problem);
  return parsed.ref;
}

/** The party a parsed URN names, or null. Loads issued in one tick share one statement per URN form. */
export function loadByUrnRef(ref: UrnRef, parties: PartyLoaders): Promise<PartyRow | null> {
  if (ref.kind === 'person') return parties.byNationalIdentityNumber.load(ref.nationalIdentityNumber);
  if (ref.kind === 'organization') return parties.byOrganizationNumber.load(ref.organizationNumber);
  return parties.byId.load(ref.id);
}

/** The party a URN argument names; malformed or unknown is BAD_USER_INPUT naming `field`. */
export async function requirePartyByUrn(urn: string, parties: PartyLoaders, field: string): Promise<PartyRow> {
  const party = await loadByUrnRef(parseUrnArg(urn, field), parties);
  if (!party) throw badInput(field, `no party ${urn}`);
  return party;
}
