import { conflict, forbidden, hubError } from '@hub/kit';
import type { Db } from '@hub/db';
import { delegationRight, type DelegationAsk } from '../delegation/delegation-rights';
import { insertDelegation } from '../delegation/delegation.store';
import type { AccessRequestRow } from './access-request.loader';
import { closeAccessRequest, insertAccessRequest, lockAccessRequest, type NewAccessRequest } from './access-request.store';

/**
 * The life of an access request, in one place. A request is created PENDING and ends once: APPROVED (which creates
 * the delegation, in the same transaction), REJECTED (both by those who could approve it) or WITHDRAWN (by the
 * requester). Each change runs in one transaction that locks the request first, so two answers cannot both succeed.
 */

const notPending = (row: AccessRequestRow) => conflict(`Access request ${row.id} is ${row.status}; only a PENDING request changes.`);

/**
 * Approvers are exactly those who could delegate what was asked to the requester themselves: the same rights
 * check as `delegate`, in the transaction that acts on it. Returns the facilitating firm, if any.
 */
async function requireApprover(tx: Db, ask: DelegationAsk, approverId: string): Promise<string | null> {
  const right = await delegationRight(tx, approverId, ask);
  if (!right.ok) throw hubError('FORBIDDEN', `You may not answer this request. ${right.reason}`, { reason: right.code });
  return right.facilitatorId;
}

/** Locks the request, lets `check` refuse, requires PENDING, then applies `change`: one transaction. */
function fromPending<T>(
  db: Db,
  id: string,
  check: (tx: Db) => Promise<T>,
  change: (tx: Db, row: AccessRequestRow, checked: T) => Promise<AccessRequestRow>,
) {
  return db.transaction(async (tx) => {
    const row = await lockAccessRequest(tx, id);
    const checked = await check(tx);
    if (row.status !== 'PENDING') throw notPending(row);
    return change(tx, row, checked);
  });
}

export function createAccessRequest(db: Db, values: NewAccessRequest): Promise<AccessRequestRow> {
  return db.transaction((tx) => insertAccessRequest(tx, values));
}

/** `ask` is what approving delegates, read before the transaction (on the embedded database a read outside it would wait). */
export function approveAccessRequest(db: Db, id: string, ask: DelegationAsk, actorId: string): Promise<AccessRequestRow> {
  return fromPending(
    db,
    id,
    (tx) => requireApprover(tx, ask, actorId),
    async (tx, row, facilitatorId) => {
      const delegation = await insertDelegation(tx, {
        fromId: row.fromId,
        toId: row.requesterId,
        resourceId: row.resourceId,
        packageUrn: row.packageUrn,
        actions: row.actions,
        facilitatorId,
        createdById: actorId,
      });
      return closeAccessRequest(tx, row, { status: 'APPROVED', actorId, delegationId: delegation.id });
    },
  );
}

export function rejectAccessRequest(db: Db, id: string, ask: DelegationAsk, actorId: string): Promise<AccessRequestRow> {
  return fromPending(
    db,
    id,
    (tx) => requireApprover(tx, ask, actorId),
    (tx, row) => closeAccessRequest(tx, row, { status: 'REJECTED', actorId }),
  );
}

export function withdrawAccessRequest(db: Db, row: AccessRequestRow, actorId: string): Promise<AccessRequestRow> {
  if (row.requesterId !== actorId) throw forbidden('Only the requester may withdraw an access request.');
  return fromPending(
    db,
    row.id,
    async () => undefined,
    (tx, locked) => closeAccessRequest(tx, locked, { status: 'WITHDRAWN', actorId }),
  );
}
