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

/** What may happen to a consent; the verb names it in a refusal ("Cannot revoke: …"). */
export type ConsentTransition = 'accept' | 'reject' | 'revoke' | 'delete' | 'use' | 'issue a consent token';

/**
 * The state table: from which statuses (as of now, so EXPIRED included) each transition may start. A request is
 * CREATED; accept and reject end that (and may be repeated on their own outcome: the same answer again, so the consent
 * page can redirect again); the requester may delete it unanswered; an ACCEPTED consent gives tokens, is used (USED
 * once every right was one-time and is used) and may be revoked. Expiry is no one's transition: CREATED and ACCEPTED
 * read as EXPIRED from validTo on (effectiveStatus), and nothing may start from it.
 */
export const TRANSITIONS: Record<ConsentTransition, readonly ConsentStatus[]> = {
  accept: [ConsentStatus.CREATED, ConsentStatus.ACCEPTED],
  reject: [ConsentStatus.CREATED, ConsentStatus.REJECTED],
  delete: [ConsentStatus.CREATED],
  revoke: [ConsentStatus.ACCEPTED],
  use: [ConsentStatus.ACCEPTED],
  'issue a consent token': [ConsentStatus.ACCEPTED],
};

/** The consent's status as of `now` if `transition` may start from it; CONFLICT saying why not otherwise. */
export function requireStatus(transition: ConsentTransition, consent: Pick<ConsentRow, 'status' | 'validTo'>, now: Date): ConsentStatus {
  const status = effectiveStatus(consent, now);
  if (!TRANSITIONS[transition].includes(status)) throw stateConflict(transition, status);
  return status;
}
