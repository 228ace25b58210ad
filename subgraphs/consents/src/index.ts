import type { SubgraphModule } from '@hub/kit';
import { createLoaders, type Loaders } from './loaders';
import { buildConsentsSchema } from './schema';

export const consentsSubgraph: SubgraphModule<Loaders> = { name: 'consents', buildSchema: buildConsentsSchema, createLoaders };
export { buildConsentsSchema, createLoaders };
export { consentSettings } from './token/settings';
export { publicJwks } from './token/signing-keys';
