import { Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { RoleRow } from './role.loader';
import { Role } from './role.type';

@Resolver(() => Role)
export class RoleResolver {
  @Query(() => [Role], { description: 'The role catalogue: ER roles, then FREG, then Altinn’s own, each by code.' })
  roles(@Ctx() ctx: SubgraphContext<Loaders>): Promise<RoleRow[]> {
    return ctx.loaders.roles.all();
  }
}
