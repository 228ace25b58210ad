import type { SubgraphContext } from '@hub/kit';
import { isUuid } from '../ids';
import type { Loaders } from '../loaders';
import type { AccessRequestRow } from './access-request.loader';

/** Visibility is the AccessRequest type's shield rule, so it holds on this path too. */
export const accessRequestReference = {
  AccessRequest: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<Loaders>): Promise<AccessRequestRow | null> =>
      isUuid(ref.id) ? ctx.loaders.accessRequests.byId.load(ref.id) : Promise.resolve(null),
  },
};
