import type { SubgraphContext } from '@hub/kit';
import type { PartyRow } from '@hub/db/parties';
import type { Loaders } from '../loaders';

export const partyReference = {
  Party: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<Loaders>): Promise<PartyRow | null> => ctx.loaders.parties.byId.load(ref.id),
  },
};
