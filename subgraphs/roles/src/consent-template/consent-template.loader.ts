import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentTemplates } from '@hub/db/roles';
import { oneEach } from '@hub/kit';

export type ConsentTemplateRow = typeof consentTemplates.$inferSelect;

/** Per-request consent template loaders: one SQL statement per batch, results in key order. */
export function createConsentTemplateLoaders(db: Db) {
  return {
    byId: new DataLoader<string, ConsentTemplateRow | null>(async (ids) =>
      oneEach(
        ids,
        await db
          .select()
          .from(consentTemplates)
          .where(inArray(consentTemplates.id, [...ids])),
        (r) => r.id,
      ),
    ),
  };
}
