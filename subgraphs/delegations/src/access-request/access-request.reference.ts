import type { SubgraphContext } from '@hub/kit';
import { parseUuid } from '@hub/db';
import type { Loaders } from '../loaders';
import type { AccessRequestRow } from './access-request.loader';

/** Visibility is the AccessRequest type's shield rule, so it holds on this path too. */
export const accessRequestReference = {
  AccessRequest: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<Loaders>): Promise<AccessRequestRow | null> => {
      const id = parseUuid(ref.id);
      return id ? ctx.loaders.accessRequests.byId.load(id) : Promise.resolve(null);
    },
  },
};
