import type { SubgraphModule } from '@hub/kit';
import { createLoaders, type Loaders } from './loaders';
import { buildEvidenceSchema } from './schema';

export const evidenceSubgraph: SubgraphModule<Loaders> = { name: 'evidence', buildSchema: buildEvidenceSchema, createLoaders };
export { buildEvidenceSchema, createLoaders };
