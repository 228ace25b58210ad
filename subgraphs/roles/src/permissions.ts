import { and, hasScopeRule, isAuthenticated, rule, type SubgraphContext } from '@hub/kit';
import type { PartyRef } from './party/party.type';

/** The scope of resource owners' systems (Maskinporten-like organisation tokens). */
export const RESOURCE_ADMIN_SCOPE = 'altinn:resourceregistry/resource.admin';

const isOrganization = rule({ cache: 'contextual' })((_p, _a, ctx: SubgraphContext) => ctx.viewer?.kind === 'organization');

/** One instance: shield refuses two rules of the same name (hasScopeRule names its rule after the scope). */
const isResourceAdmin = and(isAuthenticated, isOrganization, hasScopeRule(RESOURCE_ADMIN_SCOPE));

/** The party itself and those who may act for it, holders of a role for it included (the kit's access). */
const mayActForParty = rule({ cache: 'strict' })((party: PartyRef, _a, ctx: SubgraphContext) => ctx.access.mayActFor(party.id));

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
