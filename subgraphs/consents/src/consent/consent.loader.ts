import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentReceipts, consentRequests, consentRights } from '@hub/db/consents';
import { manyEach, oneEach } from '@hub/kit';
import type { ConsentRightRow, ConsentRow } from './consent.type';

export type ConsentReceiptRow = typeof consentReceipts.$inferSelect;

/** Per-request consent loaders: one statement per batch, results in key order. Visibility is checked by the caller. */
export function createConsentLoaders(db: Db) {
  const byId = new DataLoader<string, ConsentRow | null>(async (ids) =>
    oneEach(
      ids,
      await db
        .select()
        .from(consentRequests)
        .where(inArray(consentRequests.id, [...ids])),
      (r) => r.id,
    ),
  );
  return {
    byId,
    rightsByConsentId: new DataLoader<string, ConsentRightRow[]>(async (ids) =>
      manyEach(
        ids,
        await db
          .select()
          .from(consentRights)
          .where(inArray(consentRights.consentId, [...ids]))
          .orderBy(asc(consentRights.position)),
        (r) => r.consentId,
      ),
    ),
    receiptByConsentId: new DataLoader<string, ConsentReceiptRow | null>(async (ids) =>
      oneEach(
        ids,
        await db
          .select()
          .from(consentReceipts)
          .where(inArray(consentReceipts.consentId, [...ids])),
        (r) => r.consentId,
      ),
    ),
  };
}

export type ConsentLoaders = ReturnType<typeof createConsentLoaders>;
