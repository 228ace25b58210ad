import { administersParty, and, hasScopeRule, isAuthenticated, isOrganization } from '@hub/authz';

/** The scope of resource owners' systems (Maskinporten-like organisation tokens). */
export const RESOURCE_ADMIN_SCOPE = 'altinn:resourceregistry/resource.admin';

const isResourceAdmin = and(isAuthenticated, isOrganization, hasScopeRule(RESOURCE_ADMIN_SCOPE));

const catalogue = { '*': isAuthenticated };

export const permissions = {
  Query: {
    roles: isAuthenticated,
    accessPackages: isAuthenticated,
    accessPackage: isAuthenticated,
    resources: isAuthenticated,
    resource: isAuthenticated,
  },
  Mutation: {
    createResource: isResourceAdmin,
    updateResource: isResourceAdmin,
  },
  Party: {
    id: isAuthenticated,
    // Who holds which role is access management: for the party itself and its administrators, not for everyone
    // who may act for it in one matter (a single delegation, a client role).
    roleHolders: and(isAuthenticated, administersParty),
    rolesHeld: and(isAuthenticated, administersParty),
  },
  Role: catalogue,
  RoleAssignment: catalogue,
  AccessPackage: catalogue,
  Resource: catalogue,
  PolicyRule: catalogue,
  ConsentTemplate: catalogue,
  LocalizedText: catalogue,
};
