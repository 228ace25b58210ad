import { and, hasScopeRule, isAuthenticated, isOrganization, mayActForParty } from '@hub/kit';

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
    roleHolders: and(isAuthenticated, mayActForParty),
    rolesHeld: and(isAuthenticated, mayActForParty),
  },
  Role: catalogue,
  RoleAssignment: catalogue,
  AccessPackage: catalogue,
  Resource: catalogue,
  PolicyRule: catalogue,
  ConsentTemplate: catalogue,
  LocalizedText: catalogue,
};
