import type { SupportLookupRow } from '@hub/db/delegations/read';
import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';

/**
 * The lookup's row from the append-only log. The SupportLookup type's shield rule (`readsThroughLookup`) checks it: the
 * viewer made it, just now. A lookup that is not in the log opens nothing.
 */
export const supportLookupReference = {
  SupportLookup: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<Loaders>): Promise<SupportLookupRow | null> =>
      /^\d{1,15}$/.test(ref.id) ? ctx.loaders.supportLookups.byId.load(Number(ref.id)) : Promise.resolve(null),
  },
};
