import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentRights, issuedTokens } from '@hub/db/consents';
import { resourcesByIds } from '@hub/db/roles/read';
import { badInput, conflict, forbidden } from '@hub/kit';
import { recordEvent, updateConsent } from '../consent/consent.store';
import type { ConsentRow } from '../consent/consent.type';

export interface UseReport {
  /** The reporting data source's party id: it must own the resource. */
  sourceId: string;
  /** The token presented; required for a one-time right (it must be the token that holds it). */
  jti: string | null;
  /** The resource delivered; null: every right of the consent that the source owns. */
  resource: string | null;
  now: Date;
}

/**
 * Records a data source's use of rights of a locked, ACCEPTED consent, before the source delivers: a one-time right
 * is used up by one conditional update (`… where used_at is null and token_jti = $jti returning`), so a second use,
 * or a use through any other token, is refused whatever runs concurrently. Each right used is one USED entry in the
 * subject's consent log (which source, which data, delivered to whom). The consent becomes USED when every right
 * was one-time and all are used. Throws (and so rolls back) on any refusal.
 */
export async function useConsentRights(tx: Db, consent: ConsentRow, report: UseReport): Promise<ConsentRow> {
  let deliveredToId = consent.toId;
  if (report.jti != null) {
    const [token] = await tx
      .select({ revokedAt: issuedTokens.revokedAt, expiresAt: issuedTokens.expiresAt, recipientId: issuedTokens.recipientId })
      .from(issuedTokens)
      .where(and(eq(issuedTokens.jti, report.jti), eq(issuedTokens.consentId, consent.id)));
    if (!token) throw badInput('jti', 'is not the jti of a token of this consent');
    if (token.revokedAt) throw conflict(`The token ${report.jti} was revoked at ${token.revokedAt.toISOString()}; do not deliver data for it.`);
    if (token.expiresAt <= report.now)
      throw conflict(`The token ${report.jti} expired at ${token.expiresAt.toISOString()}; do not deliver data for it.`);
    deliveredToId = token.recipientId;
  }
  const rows = await tx.select().from(consentRights).where(eq(consentRights.consentId, consent.id)).orderBy(asc(consentRights.position));
  // Who owns each resource is the roles domain's registry: read through its read API, inside this transaction.
  const owners = new Map((await resourcesByIds(tx, [...new Set(rows.map((r) => r.resourceId))])).map((r) => [r.id, r.ownerId]));
  const rights = rows.map((right) => ({ right, ownerId: owners.get(right.resourceId)! }));
  const mine = rights.filter((r) => r.ownerId === report.sourceId && (report.resource == null || r.right.resourceId === report.resource));
  if (!mine.length) {
    if (report.resource != null) throw badInput('resource', `${report.resource} is not a right of this consent that your organisation owns`);
    throw forbidden('Only a data source of the consent (the owner of a requested resource) may report its use.');
  }
  const usedNow = new Set<number>();
  for (const { right } of mine) {
    if (right.oneTime) {
      if (report.jti == null) throw badInput('jti', `is required: ${right.resourceId} is one-time, and only the token that holds it may use it`);
      const won = await tx
        .update(consentRights)
        .set({ usedAt: report.now })
        .where(
          and(
            eq(consentRights.consentId, consent.id),
            eq(consentRights.position, right.position),
            isNull(consentRights.usedAt),
            eq(consentRights.tokenJti, report.jti),
          ),
        )
        .returning({ position: consentRights.position });
      if (!won.length) {
        throw conflict(
          right.usedAt
            ? `The one-time right to ${right.resourceId} was already used at ${right.usedAt.toISOString()}; do not deliver data for it.`
            : `The one-time right to ${right.resourceId} is not held by token ${report.jti}; do not deliver data for it.`,
        );
      }
      usedNow.add(right.position);
    }
    await recordEvent(tx, {
      consentId: consent.id,
      type: 'USED',
      performedById: report.sourceId,
      at: report.now,
      resourceId: right.resourceId,
      deliveredToId,
    });
  }
  const nothingLeft = rights.every((r) => r.right.oneTime && (r.right.usedAt !== null || usedNow.has(r.right.position)));
  return nothingLeft ? updateConsent(tx, consent.id, { status: 'USED' }) : consent;
}
