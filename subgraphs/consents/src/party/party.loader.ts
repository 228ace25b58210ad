import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { organizationUrn, parties, personUrn, type Db, type PartyRow } from '@hub/db';
import { oneEach } from '@hub/kit';

/**
 * Per-request reads of `parties.parties`. Consents need party names and URNs as plain strings (template text,
 * receipts, token claims), which federation cannot feed into a resolver, so they are read here directly.
 */
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

/** The party's person or organisation URN, as tokens and receipts name it. */
export const urnOf = (party: PartyRow): string =>
  party.type === 'PERSON' ? personUrn(party.nationalIdentityNumber!) : organizationUrn(party.organizationNumber!);
