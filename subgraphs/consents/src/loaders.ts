import { createPartyLoaders } from '@hub/kit';
import type { Db } from '@hub/db';
import { createClientLoaders } from './client/client.loader';
import { createConsentLoaders } from './consent/consent.loader';
import { createEventLoaders } from './event/event.loader';
import { createResourceLoaders } from './resource/resource.loader';
import { createSupportLookupLoaders } from './support-lookup/support-lookup.loader';

/** Per request, never shared across viewers. */
export function createLoaders(db: Db) {
  return {
    parties: createPartyLoaders(db),
    clients: createClientLoaders(db),
    resources: createResourceLoaders(db),
    consents: createConsentLoaders(db),
    events: createEventLoaders(db),
    supportLookups: createSupportLookupLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
