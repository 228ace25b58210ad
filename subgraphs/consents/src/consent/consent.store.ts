import { eq, sql } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentEvents, consentRequests } from '@hub/db/consents';
import type { ConsentRow } from './consent.type';

export type ConsentEventKind = (typeof consentEvents.$inferInsert)['type'];

/**
 * Every write that records a consent event runs here: one transaction that first takes one advisory lock. Event
 * ids then commit in the order they were drawn, so a reader paging the event feed by id never passes an id that a
 * slower transaction commits later (no gaps). The lock is taken first, before any row lock, so writers cannot
 * deadlock on it; it is held only for these short transactions.
 *
 * Inside `fn` use only `tx`: with the embedded database every other statement waits for this transaction to end.
 */
export function consentWrite<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('consents.consent_events'))`);
    return fn(tx as unknown as Db);
  });
}

/** Reads a request and locks it until the transaction ends, so that two answers cannot both succeed. */
export async function lockConsent(tx: Db, id: string): Promise<ConsentRow | null> {
  const [row] = await tx.select().from(consentRequests).where(eq(consentRequests.id, id)).for('update');
  return row ?? null;
}

export async function updateConsent(tx: Db, id: string, values: Partial<typeof consentRequests.$inferInsert>): Promise<ConsentRow> {
  const [row] = await tx.update(consentRequests).set(values).where(eq(consentRequests.id, id)).returning();
  return row!;
}

export async function recordEvent(
  tx: Db,
  event: { consentId: string; type: ConsentEventKind; performedById: string | null; at: Date; resourceId?: string; deliveredToId?: string },
): Promise<void> {
  await tx.insert(consentEvents).values(event);
}
