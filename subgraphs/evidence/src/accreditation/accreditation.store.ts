import { randomUUID } from 'node:crypto';
import type { Db } from '@hub/db';
import { accreditationCodes, accreditations } from '@hub/db/evidence';
import type { AccreditationRow } from './accreditation.type';

type NewAccreditation = Omit<typeof accreditations.$inferInsert, 'id'>;
type NewCode = Omit<typeof accreditationCodes.$inferInsert, 'accreditationId' | 'position'>;

/** Writes an accreditation and its codes, in their order, in one transaction: all of it or nothing. */
export function insertAccreditation(db: Db, values: NewAccreditation, codes: readonly NewCode[]): Promise<AccreditationRow> {
  const id = randomUUID();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accreditations)
      .values({ ...values, id })
      .returning();
    await tx.insert(accreditationCodes).values(codes.map((code, position) => ({ ...code, accreditationId: id, position })));
    return row!;
  });
}
