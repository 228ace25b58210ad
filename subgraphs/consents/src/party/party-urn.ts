import { badInput } from '@hub/kit';
import { parsePartyUrn, type PartyRow } from '@hub/db';
import type { PartyLoaders } from './party.loader';

/** The party a URN argument names; malformed or unknown is BAD_USER_INPUT naming `field`. */
export async function requirePartyByUrn(urn: string, parties: PartyLoaders, field: string): Promise<PartyRow> {
  const parsed = parsePartyUrn(urn);
  if (!parsed.ok) throw badInput(field, parsed.problem);
  const { ref } = parsed;
  const party =
    ref.kind === 'person'
      ? await parties.byNationalIdentityNumber.load(ref.nationalIdentityNumber)
      : ref.kind === 'organization'
        ? await parties.byOrganizationNumber.load(ref.organizationNumber)
        : await parties.byId.load(ref.id);
  if (!party) throw badInput(field, `no party ${urn}`);
  return party;
}
