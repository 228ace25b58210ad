import type { SubgraphModule } from '@hub/kit';
import { createLoaders, type Loaders } from './loaders';
import { buildConsentsSchema } from './schema';
import { consentSettings } from './token/settings';

export const consentsSubgraph: SubgraphModule<Loaders> = {
  name: 'consents',
  buildSchema: buildConsentsSchema,
  createLoaders,
  parseSettings: consentSettings,
};
export { buildConsentsSchema, consentSettings, createLoaders };
export { publicJwks } from './token/signing-keys';
