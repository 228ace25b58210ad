import { conflict, forbidden, hubError } from '@hub/kit';
import type { Db } from '@hub/db';
import type { DelegationRow } from './delegation.loader';
import { insertDelegation, lockDelegation, revokeDelegationRow } from './delegation.store';
import { delegationRight, mayRevoke, type DelegationAsk } from './delegation-rights';

/**
 * The life of a delegation, in one place: it is given (only what the giver may itself delegate, checked in the
 * transaction that writes it) and revoked once (by an administrator of `from` or of the facilitating firm, or by
 * `to`). Each runs in one transaction; revoking locks the row first, so a second revocation is a CONFLICT.
 */

export function giveDelegation(db: Db, actorId: string, ask: DelegationAsk, validTo: Date | null, now = new Date()): Promise<DelegationRow> {
  return db.transaction(async (tx) => {
    const right = await delegationRight(tx, actorId, ask, now);
    // The same code `delegationCheck` shows for this right, so a client can tell why.
    if (!right.ok) throw hubError('FORBIDDEN', right.reason, { reason: right.code });
    return insertDelegation(tx, {
      fromId: ask.fromId,
      toId: ask.toId,
      resourceId: ask.resource?.id ?? null,
      packageUrn: ask.package?.urn ?? null,
      actions: ask.actions ? [...ask.actions] : null,
      validTo,
      facilitatorId: right.facilitatorId,
      createdById: actorId,
    });
  });
}

export function revokeDelegation(db: Db, id: string, actorId: string): Promise<DelegationRow> {
  return db.transaction(async (tx) => {
    const row = (await lockDelegation(tx, id))!;
    if (!(await mayRevoke(tx, actorId, row))) {
      throw forbidden('Only an administrator of the delegating party or of the facilitating firm, or the recipient, may revoke it.');
    }
    if (row.revokedAt) throw conflict(`Delegation ${id} was already revoked at ${row.revokedAt.toISOString()}.`);
    return revokeDelegationRow(tx, row, actorId);
  });
}
