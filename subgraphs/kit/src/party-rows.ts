import DataLoader from 'dataloader';
import { parsePartyUrn, type Db, type PartyRef } from '@hub/db';
import {
  partyRowsByIds,
  partyRowsByKeys,
  partyRowsByNationalIdentityNumbers,
  partyRowsByOrganizationNumbers,
  type PartyRow,
} from '@hub/db/parties/read';
import { oneEach } from './batch';
import { badInput } from './errors';

/**
 * Per-request reads of `parties.parties` by id and by register number, one statement per batch. The parties
 * subgraph serves parties to clients; the others read the rows too where they need a URN resolved or a name or
 * number as a plain value (template text, receipts, token claims, CSV), which federation cannot feed them.
 */
export function createPartyLoaders(db: Db) {
  return {
    byId: new DataLoader<string, PartyRow | null>(async (ids) => oneEach(ids, await partyRowsByIds(db, ids), (r) => r.id)),
    byNationalIdentityNumber: new DataLoader<string, PartyRow | null>(async (numbers) =>
      oneEach(numbers, await partyRowsByNationalIdentityNumbers(db, numbers), (r) => r.nationalIdentityNumber),
    ),
    byOrganizationNumber: new DataLoader<string, PartyRow | null>(async (numbers) =>
      oneEach(numbers, await partyRowsByOrganizationNumbers(db, numbers), (r) => r.organizationNumber),
    ),
    /** By register number, person or organisation: one statement for a batch that mixes both. */
    byNumber: new DataLoader<NumberRef, PartyRow | null, string>(
      async (refs) => {
        const nationalIdentityNumbers: string[] = [];
        const organizationNumbers: string[] = [];
        for (const ref of refs) {
          if (ref.kind === 'person') nationalIdentityNumbers.push(ref.nationalIdentityNumber);
          else organizationNumbers.push(ref.organizationNumber);
        }
        const byKey = new Map<string, PartyRow>();
        for (const row of await partyRowsByKeys(db, { ids: [], nationalIdentityNumbers, organizationNumbers })) {
          if (row.nationalIdentityNumber) byKey.set(`p:${row.nationalIdentityNumber}`, row);
          if (row.organizationNumber) byKey.set(`o:${row.organizationNumber}`, row);
        }
        return refs.map((ref) => byKey.get(numberKey(ref)) ?? null);
      },
      { cacheKeyFn: numberKey },
    ),
  };
}

type NumberRef = Exclude<PartyRef, { kind: 'uuid' }>;
const numberKey = (ref: NumberRef): string => (ref.kind === 'person' ? `p:${ref.nationalIdentityNumber}` : `o:${ref.organizationNumber}`);

export type PartyLoaders = ReturnType<typeof createPartyLoaders>;

/** Parses a party URN argument; a malformed one is BAD_USER_INPUT naming `field` and the problem. */
export function parseUrnArg(urn: string, field: string): PartyRef {
  const parsed = parsePartyUrn(urn);
  if (!parsed.ok) throw badInput(field, parsed.problem);
  return parsed.ref;
}

/**
 * The party a parsed URN names, or null. Loads issued in one tick share one statement for register numbers (persons
 * and organisations alike) and one for ids (with any other load by id).
 */
export function loadPartyByRef(ref: PartyRef, loaders: PartyLoaders): Promise<PartyRow | null> {
  return ref.kind === 'uuid' ? loaders.byId.load(ref.id) : loaders.byNumber.load(ref);
}

/** The party a URN argument names; malformed or unknown is BAD_USER_INPUT naming `field`. */
export async function requirePartyByUrn(urn: string, loaders: PartyLoaders, field: string): Promise<PartyRow> {
  const party = await loadPartyByRef(parseUrnArg(urn, field), loaders);
  if (!party) throw badInput(field, `no party ${urn}`);
  return party;
}
