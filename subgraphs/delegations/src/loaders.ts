import type { Db } from '@hub/db';
import { createPartyLoaders } from '@hub/kit';
import { createAccessPackageLoaders } from './access-package/access-package.loader';
import { createAccessRequestLoaders } from './access-request/access-request.loader';
import { createDelegationLoaders } from './delegation/delegation.loader';
import { createResourceLoaders } from './resource/resource.loader';
import { createSupportLookupLoaders } from './support-lookup/support-lookup.loader';

/** Per request, never shared across viewers. Who administers what is `@hub/authz`'s `accessOf(ctx).administers`. */
export function createLoaders(db: Db) {
  return {
    parties: createPartyLoaders(db),
    resources: createResourceLoaders(db),
    accessPackages: createAccessPackageLoaders(db),
    delegations: createDelegationLoaders(db),
    accessRequests: createAccessRequestLoaders(db),
    supportLookups: createSupportLookupLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
