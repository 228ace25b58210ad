import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { partyRef, type PartyRef } from './party.type';

export const partyReference = {
  Party: {
    __resolveReference: async (ref: PartyRef, ctx: SubgraphContext<Loaders>): Promise<PartyRef | null> => {
      const row = await ctx.loaders.parties.byId.load(ref.id);
      return row && partyRef(row.id);
    },
  },
};
