import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { RoleRow } from './role.loader';

export const roleReference = {
  Role: {
    __resolveReference: (ref: { code: string }, ctx: SubgraphContext<Loaders>): Promise<RoleRow | null> => ctx.loaders.roles.byCode.load(ref.code),
  },
};
