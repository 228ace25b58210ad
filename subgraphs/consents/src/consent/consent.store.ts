import { eq } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentEvents, consentRequests } from '@hub/db/consents';
import type { ConsentRow } from './consent.type';

export type ConsentEventKind = (typeof consentEvents.$inferInsert)['type'];

/**
 * Every write that records a consent event runs here, in one transaction. No global lock: the event feed stays
 * gap-free because readers stop at a visibility horizon (see event/feed.resolver.ts), and each consent's events are
 * ordered by the lock on its request row (`lockConsent`, taken before the first write) and by the per-consent lock of
 * the chain trigger (migration 0009). Writers on different consents never wait for each other.
 *
 * Inside `fn` use only `tx`: with the embedded database every other statement waits for this transaction to end.
 */
export function consentWrite<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
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
