import type { SubgraphModule } from '@hub/kit';
import { createLoaders, type Loaders } from './loaders';
import { buildEvidenceSchema } from './schema';
import { evidenceSettings } from './settings';

export const evidenceSubgraph: SubgraphModule<Loaders> = {
  name: 'evidence',
  buildSchema: buildEvidenceSchema,
  createLoaders,
  parseSettings: evidenceSettings,
};
export { buildEvidenceSchema, createLoaders };
