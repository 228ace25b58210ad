import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { badInput, oneEach } from '@hub/kit';
import { organizationUrn, parsePartyUrn, parties, personUrn, type Db, type PartyRow } from '@hub/db';

/** Per-request reads of `parties.parties`: sources need the subject's number and rules need isPublic as plain values. */
export function createPartyLoaders(db: Db) {
  return {
    byId: new DataLoader<string, PartyRow | null>(async (ids) =>
      oneEach(ids, await db.select().from(parties).where(inArray(parties.id, [...ids])), (r) => r.id),
    ),
    byNationalIdentityNumber: new DataLoader<string, PartyRow | null>(async (numbers) =>
      oneEach(numbers, await db.select().from(parties).where(inArray(parties.nationalIdentityNumber, [...numbers])), (r) => r.nationalIdentityNumber),
    ),
    byOrganizationNumber: new DataLoader<string, PartyRow | null>(async (numbers) =>
      oneEach(numbers, await db.select().from(parties).where(inArray(parties.organizationNumber, [...numbers])), (r) => r.organizationNumber),
    ),
  };
}

export type PartyLoaders = ReturnType<typeof createPartyLoaders>;

export const urnOf = (party: PartyRow): string =>
  party.type === 'PERSON' ? personUrn(party.nationalIdentityNumber!) : organizationUrn(party.organizationNumber!);

export const numberOf = (party: PartyRow): string => party.nationalIdentityNumber ?? party.organizationNumber!;

/** The party a URN argument names; malformed or unknown is BAD_USER_INPUT naming `field`. */
export async function requirePartyByUrn(urn: string, loaders: PartyLoaders, field: string): Promise<PartyRow> {
  const parsed = parsePartyUrn(urn);
  if (!parsed.ok) throw badInput(field, parsed.problem);
  const { ref } = parsed;
  const party =
    ref.kind === 'person'
      ? await loaders.byNationalIdentityNumber.load(ref.nationalIdentityNumber)
      : ref.kind === 'organization'
        ? await loaders.byOrganizationNumber.load(ref.organizationNumber)
        : await loaders.byId.load(ref.id);
  if (!party) throw badInput(field, `no party ${urn}`);
  return party;
}
