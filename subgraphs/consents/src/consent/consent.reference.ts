import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { ConsentRow } from './consent.type';
import { loadVisibleConsent } from './consent.visibility';

/** `_entities` bypasses root-field rules, so the visibility check is made here too (and again by the type's rules). */
export const consentReference = {
  ConsentRequest: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<Loaders>): Promise<ConsentRow | null> => loadVisibleConsent(ref.id, ctx),
  },
};
