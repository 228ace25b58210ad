import DataLoader from 'dataloader';
import { and, asc, desc, inArray, isNotNull, or } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentReceipts, consentRequests, consentRights } from '@hub/db/consents';
import { manyEach, oneEach } from '@hub/kit';
import type { ConsentRightRow, ConsentRow } from './consent.type';

export type ConsentReceiptRow = typeof consentReceipts.$inferSelect;

/** Per-request consent loaders: one statement per batch, results in key order. Visibility is checked by the caller. */
export function createConsentLoaders(db: Db) {
  const byId = new DataLoader<string, ConsentRow | null>(async (ids) =>
    oneEach(ids, await db.select().from(consentRequests).where(inArray(consentRequests.id, [...ids])), (r) => r.id),
  );
  /** Lists load whole rows; priming byId lets the visibility checks and fields after them reuse them. */
  const primed = (rows: ConsentRow[]) => {
    for (const r of rows) byId.prime(r.id, r);
    return rows;
  };
  return {
    byId,
    rightsByConsentId: new DataLoader<string, ConsentRightRow[]>(async (ids) =>
      manyEach(
        ids,
        await db.select().from(consentRights).where(inArray(consentRights.consentId, [...ids])).orderBy(asc(consentRights.position)),
        (r) => r.consentId,
      ),
    ),
    receiptByConsentId: new DataLoader<string, ConsentReceiptRow | null>(async (ids) =>
      oneEach(ids, await db.select().from(consentReceipts).where(inArray(consentReceipts.consentId, [...ids])), (r) => r.consentId),
    ),
    /** Consents each party has given (accepted at some time: ACCEPTED, USED, REVOKED, or since EXPIRED), newest first. */
    givenByFromId: new DataLoader<string, ConsentRow[]>(async (fromIds) => {
      const rows = await db
        .select()
        .from(consentRequests)
        .where(
          and(
            inArray(consentRequests.fromId, [...fromIds]),
            isNotNull(consentRequests.answeredAt),
            inArray(consentRequests.status, ['ACCEPTED', 'USED', 'REVOKED']),
          ),
        )
        .orderBy(desc(consentRequests.answeredAt), desc(consentRequests.id));
      return manyEach(fromIds, primed(rows), (r) => r.fromId);
    }),
    /** Requests each organisation has made, or handles for the requester, newest first. */
    receivedByRecipientId: new DataLoader<string, ConsentRow[]>(async (partyIds) => {
      const keys = [...partyIds];
      const rows = primed(
        await db
          .select()
          .from(consentRequests)
          .where(or(inArray(consentRequests.toId, keys), inArray(consentRequests.handledById, keys)))
          .orderBy(desc(consentRequests.createdAt), desc(consentRequests.id)),
      );
      return partyIds.map((id) => rows.filter((r) => r.toId === id || r.handledById === id));
    }),
  };
}

export type ConsentLoaders = ReturnType<typeof createConsentLoaders>;
