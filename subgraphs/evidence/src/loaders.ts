import DataLoader from 'dataloader';
import { desc, inArray } from 'drizzle-orm';
import { createPartyLoaders, manyEach } from '@hub/kit';
import type { Db } from '@hub/db';
import { evidenceRetrievals } from '@hub/db/evidence';
import { createAccreditationLoaders } from './accreditation/accreditation.loader';
import { createCatalogueLoader } from './code/code.loader';
import type { RetrievalRow } from './retrieval/retrieval.type';

/** Per request, never shared across viewers. */
export function createLoaders(db: Db) {
  return {
    parties: createPartyLoaders(db),
    catalogue: createCatalogueLoader(db),
    accreditations: createAccreditationLoaders(db),
    retrievalsBySubjectId: new DataLoader<string, RetrievalRow[]>(async (ids) =>
      manyEach(
        ids,
        await db.select().from(evidenceRetrievals).where(inArray(evidenceRetrievals.subjectId, [...ids])).orderBy(desc(evidenceRetrievals.id)),
        (r) => r.subjectId,
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
