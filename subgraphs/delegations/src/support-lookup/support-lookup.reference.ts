import type { SubgraphContext } from '@hub/kit';
import { supportLookupById, type SupportLookupRow } from './support-lookup.store';

/** Whether the viewer may read through the lookup is the SupportLookup type's shield rule, so it holds here too. */
export const supportLookupReference = {
  SupportLookup: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext): Promise<SupportLookupRow | null> =>
      /^\d{1,18}$/.test(ref.id) ? supportLookupById(ctx.db, Number(ref.id)) : Promise.resolve(null),
  },
};
