import type { SubgraphModule } from '@hub/kit';
import { createLoaders, type Loaders } from './loaders';
import { buildRolesSchema } from './schema';

export const rolesSubgraph: SubgraphModule<Loaders> = { name: 'roles', buildSchema: buildRolesSchema, createLoaders };
export { buildRolesSchema, createLoaders };
