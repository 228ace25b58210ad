import type { Db } from '@hub/db';
import { auditLog } from '@hub/db/delegations';

export type AuditAction =
  | 'DELEGATION_CREATED'
  | 'DELEGATION_REVOKED'
  | 'ACCESS_REQUEST_CREATED'
  | 'ACCESS_REQUEST_APPROVED'
  | 'ACCESS_REQUEST_REJECTED'
  | 'ACCESS_REQUEST_WITHDRAWN';

export type AuditEntityType = 'DELEGATION' | 'ACCESS_REQUEST';

export interface AuditRecord {
  actorId: string;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  /** The party whose rights changed (`from`): its administrators read the log. */
  partyId: string;
  before: object | null;
  after: object | null;
}

/**
 * Appends one audit row. Called only by the stores, with the transaction that makes the change, so that a change
 * and its record commit or fail together. The table refuses UPDATE and DELETE (a trigger in the migration).
 */
export async function writeAudit(tx: Db, record: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values(record);
}
