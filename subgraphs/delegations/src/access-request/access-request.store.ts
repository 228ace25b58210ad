import { eq } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { accessRequests } from '@hub/db/delegations';
import { writeAudit, type AuditAction } from '../audit/audit';
import type { AccessRequestRow } from './access-request.loader';

export type NewAccessRequest = typeof accessRequests.$inferInsert;

/** Writes a PENDING request and its audit entry, in the caller's transaction. */
export async function insertAccessRequest(tx: Db, values: NewAccessRequest): Promise<AccessRequestRow> {
  const [row] = await tx.insert(accessRequests).values(values).returning();
  await writeAudit(tx, {
    actorId: row!.requesterId,
    action: 'ACCESS_REQUEST_CREATED',
    entityType: 'ACCESS_REQUEST',
    entityId: row!.id,
    partyId: row!.fromId,
    before: null,
    after: row!,
  });
  return row!;
}

const ACTION_OF = {
  APPROVED: 'ACCESS_REQUEST_APPROVED',
  REJECTED: 'ACCESS_REQUEST_REJECTED',
  WITHDRAWN: 'ACCESS_REQUEST_WITHDRAWN',
} as const satisfies Record<string, AuditAction>;

/** Ends a PENDING request (the caller checked that it is) and records it, in the caller's transaction. */
export async function closeAccessRequest(
  tx: Db,
  before: AccessRequestRow,
  change: { status: keyof typeof ACTION_OF; actorId: string; delegationId?: string },
  now = new Date(),
): Promise<AccessRequestRow> {
  const [after] = await tx
    .update(accessRequests)
    .set({ status: change.status, decidedAt: now, decidedById: change.actorId, delegationId: change.delegationId ?? null })
    .where(eq(accessRequests.id, before.id))
    .returning();
  await writeAudit(tx, {
    actorId: change.actorId,
    action: ACTION_OF[change.status],
    entityType: 'ACCESS_REQUEST',
    entityId: before.id,
    partyId: before.fromId,
    before,
    after: after!,
  });
  return after!;
}

/** Reads a request and locks it until the transaction ends, so that it is answered once. */
export async function lockAccessRequest(tx: Db, id: string): Promise<AccessRequestRow> {
  const [row] = await tx.select().from(accessRequests).where(eq(accessRequests.id, id)).for('update');
  return row!;
}
