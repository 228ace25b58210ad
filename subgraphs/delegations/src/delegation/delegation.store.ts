import { eq } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { delegations } from '@hub/db/delegations';
import { writeAudit } from '../audit/audit';
import type { DelegationRow } from './delegation.loader';

export type NewDelegation = typeof delegations.$inferInsert;

/** Writes a delegation and its audit entry, in the caller's transaction. */
export async function insertDelegation(tx: Db, values: NewDelegation): Promise<DelegationRow> {
  const [row] = await tx.insert(delegations).values(values).returning();
  await writeAudit(tx, {
    actorId: values.createdById,
    action: 'DELEGATION_CREATED',
    entityType: 'DELEGATION',
    entityId: row!.id,
    partyId: row!.fromId,
    before: null,
    after: row!,
  });
  return row!;
}

/** Marks a delegation revoked and records it, in the caller's transaction. The next decision no longer counts it. */
export async function revokeDelegationRow(tx: Db, before: DelegationRow, actorId: string, now = new Date()): Promise<DelegationRow> {
  const [after] = await tx.update(delegations).set({ revokedAt: now, revokedById: actorId }).where(eq(delegations.id, before.id)).returning();
  await writeAudit(tx, {
    actorId,
    action: 'DELEGATION_REVOKED',
    entityType: 'DELEGATION',
    entityId: before.id,
    partyId: before.fromId,
    before,
    after: after!,
  });
  return after!;
}

/** Reads a delegation and locks it until the transaction ends, so that two revocations cannot both succeed. */
export async function lockDelegation(tx: Db, id: string): Promise<DelegationRow | null> {
  const [row] = await tx.select().from(delegations).where(eq(delegations.id, id)).for('update');
  return row ?? null;
}
