import { supportLookupsByIds, type SupportLookupRow } from '@hub/db/delegations/read';
import type { SubgraphContext } from '@hub/kit';

/**
 * The lookup's row from the delegations domain's log. The SupportLookup type's shield rule checks it (the viewer made
 * it, just now), so a lookup that is not in the log opens nothing here either.
 */
export const supportLookupReference = {
  SupportLookup: {
    __resolveReference: async (ref: { id: string }, ctx: SubgraphContext): Promise<SupportLookupRow | null> => {
      if (!/^\d{1,18}$/.test(ref.id)) return null;
      const [row] = await supportLookupsByIds(ctx.db, [Number(ref.id)]);
      return row ?? null;
    },
  },
};
