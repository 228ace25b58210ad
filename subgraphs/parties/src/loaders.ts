import type { Db } from '@hub/db';
import { createPartyLoaders } from './party/party.loader';

export function createLoaders(db: Db) {
  return { parties: createPartyLoaders(db) };
}

export type Loaders = ReturnType<typeof createLoaders>;
