import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import type { RoleRow } from '../role/role.loader';
import { Role } from '../role/role.type';
import type { RoleAssignmentRow } from './role-assignment.loader';
import { RoleAssignment } from './role-assignment.type';

@Resolver(() => RoleAssignment)
export class RoleAssignmentResolver {
  @FieldResolver(() => Role)
  async role(@Root() assignment: RoleAssignmentRow, @Ctx() ctx: SubgraphContext<Loaders>): Promise<RoleRow> {
    // role_assignments.role_code references roles.code, so the role is there.
    return (await ctx.loaders.roles.byCode.load(assignment.roleCode))!;
  }

  @FieldResolver(() => Party, { description: 'The party the role is held for.' })
  from(@Root() assignment: RoleAssignmentRow): PartyRef {
    return { id: assignment.fromId };
  }

  @FieldResolver(() => Party, { description: 'The person or organisation that holds the role.' })
  to(@Root() assignment: RoleAssignmentRow): PartyRef {
    return { id: assignment.toId };
  }
}
