import { eq } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { supportLookups, type SupportLookupRow } from '@hub/db/delegations';
import { selectPage, type ListOrder, type Page, type PageArgs } from '@hub/kit';
import type { LookupReason } from './support-lookup.validation';

export type { SupportLookupRow };

/**
 * Writes the lookup to the append-only log and returns the row. The lookup's data is read only under the row this
 * returns: should the write fail, the error is the answer and nothing is read (fail closed).
 */
export async function logSupportLookup(
  db: Db,
  lookup: { actorId: string; clientId: string | null; partyId: string } & LookupReason,
): Promise<SupportLookupRow> {
  const [row] = await db.insert(supportLookups).values(lookup).returning();
  if (!row) throw new Error('support lookup was not logged');
  return row;
}

/** Newest first, in the order they were logged. */
const ORDER: ListOrder = { name: 'supportLookups', direction: 'desc', keys: [{ column: supportLookups.id, kind: 'int' }] };

/** Every support lookup of a party, a page at a time. */
export function supportLookupsPage(db: Db, partyId: string, args: Partial<PageArgs>): Promise<Page<SupportLookupRow>> {
  return selectPage(db, supportLookups, ORDER, args, eq(supportLookups.partyId, partyId));
}
