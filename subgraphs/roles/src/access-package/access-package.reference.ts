import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { AccessPackageRow } from './access-package.loader';

export const accessPackageReference = {
  AccessPackage: {
    __resolveReference: (ref: { urn: string }, ctx: SubgraphContext<Loaders>): Promise<AccessPackageRow | null> =>
      ctx.loaders.accessPackages.byUrn.load(ref.urn),
  },
};
