import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import { RoleAssignment } from '../role-assignment/role-assignment.type';
import type { RoleAssignmentRow } from '../role-assignment/role-assignment.loader';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from './party.type';

@Resolver(() => Party)
export class PartyResolver {
  @FieldResolver(() => [RoleAssignment], {
    nullable: true,
    description: 'Who holds roles for this party (not for its subunits), by role code. For the party itself and its administrators.',
  })
  roleHolders(@Root() party: PartyRef, @Ctx() ctx: SubgraphContext<Loaders>): Promise<RoleAssignmentRow[]> {
    return ctx.loaders.roleAssignments.byFromId.load(party.id);
  }

  @FieldResolver(() => [RoleAssignment], {
    nullable: true,
    description: 'The roles this party holds for others, by role code. For the party itself and its administrators.',
  })
  rolesHeld(@Root() party: PartyRef, @Ctx() ctx: SubgraphContext<Loaders>): Promise<RoleAssignmentRow[]> {
    return ctx.loaders.roleAssignments.byToId.load(party.id);
  }
}
