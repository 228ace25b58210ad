import type { SubgraphModule } from '@hub/kit';
import { createLoaders, type Loaders } from './loaders';
import { buildDelegationsSchema } from './schema';

export const delegationsSubgraph: SubgraphModule<Loaders> = { name: 'delegations', buildSchema: buildDelegationsSchema, createLoaders };
export { buildDelegationsSchema, createLoaders };
