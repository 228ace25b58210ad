import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { partyRef, type PartyRef } from './party.type';

/** Unknown parties resolve to null; the evidence fields added here are guarded per party in permissions.ts. */
export const partyReference = {
  Party: {
    __resolveReference: async (ref: PartyRef, ctx: SubgraphContext<Loaders>): Promise<PartyRef | null> => {
      const row = await ctx.loaders.parties.byId.load(ref.id);
      return row && partyRef(row.id);
    },
  },
};
