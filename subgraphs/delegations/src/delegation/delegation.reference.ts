import type { SubgraphContext } from '@hub/kit';
import { parseUuid } from '@hub/db';
import type { Loaders } from '../loaders';
import type { DelegationRow } from './delegation.loader';

/** Visibility is the Delegation type's shield rule, so it holds on this path too. */
export const delegationReference = {
  Delegation: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<Loaders>): Promise<DelegationRow | null> => {
      const id = parseUuid(ref.id);
      return id ? ctx.loaders.delegations.byId.load(id) : Promise.resolve(null);
    },
  },
};
