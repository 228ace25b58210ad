import DataLoader from 'dataloader';
import { createPartyLoaders } from '@hub/kit';
import type { Db } from '@hub/db';
import type { Viewer } from '@hub/kit';
import { createAccessPackageLoaders } from './access-package/access-package.loader';
import { createAccessRequestLoaders } from './access-request/access-request.loader';
import { createAuditLoaders } from './audit/audit.loader';
import { administeredBy } from './delegation/delegation-rights';
import { createDelegationLoaders } from './delegation/delegation.loader';
import { createResourceLoaders } from './resource/resource.loader';

/** Per request, never shared across viewers (the `administers` answers are the viewer's). */
export function createLoaders(db: Db, viewer: Viewer | null) {
  return {
    parties: createPartyLoaders(db),
    resources: createResourceLoaders(db),
    accessPackages: createAccessPackageLoaders(db),
    delegations: createDelegationLoaders(db),
    accessRequests: createAccessRequestLoaders(db),
    audit: createAuditLoaders(db),
    /** Does the viewer administer each party? One batch of the kit's facts for all parties asked in a tick. */
    administers: new DataLoader<string, boolean>(async (partyIds) =>
      viewer ? administeredBy(db, viewer.partyId, partyIds) : partyIds.map(() => false),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
