import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import { parties, type Db, type PartyRow } from '@hub/db';
import { oneEach } from '@hub/kit';

/**
 * Per-request party loaders, to turn URNs into ids and to know that a party exists. The parties subgraph owns
 * the rows; reading them here saves a round trip through the router for every URN an argument names.
 */
export function createPartyLoaders(db: Db) {
  return {
    byId: new DataLoader<string, PartyRow | null>(async (ids) =>
      oneEach(ids, await db.select().from(parties).where(inArray(parties.id, [...ids])), (r) => r.id),
    ),
    byNationalIdentityNumber: new DataLoader<string, PartyRow | null>(async (numbers) =>
      oneEach(numbers, await db.select().from(parties).where(inArray(parties.nationalIdentityNumber, [...numbers])), (r) => r.nationalIdentityNumber!),
    ),
    byOrganizationNumber: new DataLoader<string, PartyRow | null>(async (numbers) =>
      oneEach(numbers, await db.select().from(parties).where(inArray(parties.organizationNumber, [...numbers])), (r) => r.organizationNumber!),
    ),
  };
}

export type PartyLoaders = ReturnType<typeof createPartyLoaders>;
