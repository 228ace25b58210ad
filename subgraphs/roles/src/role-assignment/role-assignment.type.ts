import { ObjectType } from 'type-graphql';

/** Fields come from RoleAssignmentResolver: the row holds ids, the graph gives Role and Party. */
@ObjectType({ description: '`to` holds `role` for `from`, by register (no one delegated it).' })
export class RoleAssignment {}
