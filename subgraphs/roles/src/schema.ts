import { createPermissions } from '@hub/authz';
import { buildSubgraph } from '@hub/kit';
import { accessPackageReference } from './access-package/access-package.reference';
import { AccessPackageResolver } from './access-package/access-package.resolver';
import { partyReference } from './party/party.reference';
import { PartyResolver } from './party/party.resolver';
import { permissions } from './permissions';
import { resourceReference } from './resource/resource.reference';
import { ResourceMutationResolver } from './resource/resource.mutation';
import { ResourceResolver } from './resource/resource.resolver';
import { RoleAssignmentResolver } from './role-assignment/role-assignment.resolver';
import { roleReference } from './role/role.reference';
import { RoleResolver } from './role/role.resolver';

/** The roles subgraph's schema: role catalogue and assignments, access packages, the resource registry. No side effects. */
export const buildRolesSchema = () =>
  buildSubgraph({
    resolvers: [RoleResolver, RoleAssignmentResolver, PartyResolver, AccessPackageResolver, ResourceResolver, ResourceMutationResolver],
    referenceResolvers: { ...partyReference, ...roleReference, ...accessPackageReference, ...resourceReference },
    permissions: createPermissions(permissions),
  });
