import type { SubgraphModule } from '@hub/kit';
import { createLoaders, type Loaders } from './loaders';
import { buildPartiesSchema } from './schema';

export const partiesSubgraph: SubgraphModule<Loaders> = { name: 'parties', buildSchema: buildPartiesSchema, createLoaders };
export { buildPartiesSchema, createLoaders };
