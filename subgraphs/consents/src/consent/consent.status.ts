import { conflict } from '@hub/kit';
import { ConsentStatus, type ConsentRow } from './consent.type';

/** The status as of `now`: EXPIRED is never stored, so it is computed here and can never be stale. */
export function effectiveStatus(c: Pick<ConsentRow, 'status' | 'validTo'>, now = new Date()): ConsentStatus {
  if ((c.status === 'CREATED' || c.status === 'ACCEPTED') && c.validTo <= now) return ConsentStatus.EXPIRED;
  return ConsentStatus[c.status];
}

const WHY: Record<ConsentStatus, string> = {
  CREATED: 'the consent request has not been accepted',
  ACCEPTED: 'the consent request was already accepted',
  REJECTED: 'the consent request was rejected',
  REVOKED: 'the consent was revoked',
  DELETED: 'the consent request was deleted by the requester',
  EXPIRED: 'the consent request has expired',
  USED: 'every right of the consent was one-time and was already used; ask for a new consent',
};

/** CONFLICT saying why `action` cannot happen in `status`, e.g. "Cannot accept: the consent request has expired." */
export const stateConflict = (action: string, status: ConsentStatus) => conflict(`Cannot ${action}: ${WHY[status]}.`);
