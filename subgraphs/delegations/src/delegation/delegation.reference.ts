import type { SubgraphContext } from '@hub/kit';
import { isUuid } from '../ids';
import type { Loaders } from '../loaders';
import type { DelegationRow } from './delegation.loader';

/** Visibility is the Delegation type's shield rule, so it holds on this path too. */
export const delegationReference = {
  Delegation: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<Loaders>): Promise<DelegationRow | null> =>
      isUuid(ref.id) ? ctx.loaders.delegations.byId.load(ref.id) : Promise.resolve(null),
  },
};
