import { createPartyLoaders } from '@hub/kit';
import type { Db } from '@hub/db';
import { createAccreditationLoaders } from './accreditation/accreditation.loader';
import { createCatalogueLoader } from './code/code.loader';

/** Per request, never shared across viewers. */
export function createLoaders(db: Db) {
  return {
    parties: createPartyLoaders(db),
    catalogue: createCatalogueLoader(db),
    accreditations: createAccreditationLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
