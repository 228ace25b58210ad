import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { ResourceRow } from './resource.loader';

export const resourceReference = {
  Resource: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext<Loaders>): Promise<ResourceRow | null> => ctx.loaders.resources.byId.load(ref.id),
  },
};
