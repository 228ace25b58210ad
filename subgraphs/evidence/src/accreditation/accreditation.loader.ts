import DataLoader from 'dataloader';
import { asc, desc, inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { rightUsesOf, statusOf, type ConsentRightUseRow, type ConsentStatusRow } from '@hub/db/consents/read';
import { accreditationCodes, accreditations } from '@hub/db/evidence';
import { manyEach, oneEach } from '@hub/kit';
import type { AccreditationCodeRow, AccreditationRow } from './accreditation.type';

export type { ConsentRightUseRow, ConsentStatusRow };

/** Per-request accreditation loaders; visibility is checked by the caller. */
export function createAccreditationLoaders(db: Db) {
  return {
    byId: new DataLoader<string, AccreditationRow | null>(async (ids) =>
      oneEach(
        ids,
        await db
          .select()
          .from(accreditations)
          .where(inArray(accreditations.id, [...ids])),
        (r) => r.id,
      ),
    ),
    codesByAccreditationId: new DataLoader<string, AccreditationCodeRow[]>(async (ids) =>
      manyEach(
        ids,
        await db
          .select()
          .from(accreditationCodes)
          .where(inArray(accreditationCodes.accreditationId, [...ids]))
          .orderBy(asc(accreditationCodes.position)),
        (r) => r.accreditationId,
      ),
    ),
    bySubjectId: new DataLoader<string, AccreditationRow[]>(async (ids) =>
      manyEach(
        ids,
        await db
          .select()
          .from(accreditations)
          .where(inArray(accreditations.subjectId, [...ids]))
          .orderBy(desc(accreditations.createdAt)),
        (r) => r.subjectId,
      ),
    ),
    /** Through the consents domain's read API: one statement for every consent of the request's accreditations. */
    consentById: new DataLoader<string, ConsentStatusRow | null>(async (ids) => oneEach(ids, await statusOf(db, ids), (r) => r.id)),
    /** Through the consents domain's read API: each consent's rights and how far each one-time right is used. */
    consentRightsById: new DataLoader<string, ConsentRightUseRow[]>(async (ids) => manyEach(ids, await rightUsesOf(db, ids), (r) => r.consentId)),
  };
}
