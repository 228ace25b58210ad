import { parsePartyUrn } from '@hub/db';
import { AUTHORIZE_SCOPE, forbidden, type SubgraphContext, type Viewer } from '@hub/kit';
import {
  administersParty,
  and,
  hasScopeRule,
  isAuthenticated,
  isPerson,
  isSupport,
  mayActForParty,
  perEntityId,
  readsThroughLookup,
  rule,
} from '@hub/authz';
import type { AccessRequestRow } from './access-request/access-request.loader';
import { maySeeAccessRequest } from './access-request/access-request.visibility';
import type { DelegationRow } from './delegation/delegation.loader';
import { maySeeDelegation } from './delegation/delegation.visibility';
import type { PartyRef } from './party/party.type';

const isViewer = (urn: string, viewer: Viewer) => {
  const parsed = parsePartyUrn(urn);
  if (!parsed.ok) return false;
  const { ref } = parsed;
  return ref.kind === 'uuid'
    ? ref.id === viewer.partyId
    : ref.kind === 'person' && viewer.kind === 'person' && ref.nationalIdentityNumber === viewer.nationalIdentityNumber;
};

/**
 * With the scope, anyone may ask; without it, a person may still ask about themselves: every request's subject is the
 * viewer. One rule rather than `or(hasScope, …)`: shield's `or` runs every branch, and the second would build a
 * FORBIDDEN error (stack trace and all) on every call of a caller that has the scope. On a root field it runs once per
 * request: not cached (a 'strict' key would hash all the requests' arguments first).
 */
const mayAuthorize = rule({ cache: 'no_cache' })((_p, args: { requests: { subject: string }[] }, ctx: SubgraphContext) => {
  const viewer = ctx.viewer;
  if (viewer?.scopes.includes(AUTHORIZE_SCOPE)) return true;
  if (viewer?.kind === 'person' && args.requests.every((r) => isViewer(r.subject, viewer))) return true;
  return forbidden(`authorize needs scope ${AUTHORIZE_SCOPE}; without it a person may ask only about themselves (subject = the viewer).`);
});

const isSelf = rule({ cache: perEntityId })((party: PartyRef, _a, ctx: SubgraphContext) =>
  ctx.viewer?.partyId === party.id ? true : forbidden('Only the party itself may see this (ask on `me`).'),
);

/** Entity-level: also guards `_entities`, where root-field rules never run. */
const maySeeDelegationRule = rule({ cache: perEntityId })((d: DelegationRow, _a, ctx: SubgraphContext) => maySeeDelegation(d, ctx));
const maySeeAccessRequestRule = rule({ cache: perEntityId })((r: AccessRequestRow, _a, ctx: SubgraphContext) => maySeeAccessRequest(r, ctx));

/** Types reachable only through a guarded field. */
const underGuardedField = { '*': isAuthenticated };

export const permissions = {
  Query: {
    authorize: and(isAuthenticated, mayAuthorize),
    authorizedSubjects: and(isAuthenticated, hasScopeRule(AUTHORIZE_SCOPE)),
    authorizedResources: and(isAuthenticated, hasScopeRule(AUTHORIZE_SCOPE)),
  },
  Mutation: {
    delegate: and(isAuthenticated, isPerson),
    givePowerOfAttorney: and(isAuthenticated, isPerson),
    revokeDelegation: isAuthenticated,
    requestAccess: and(isAuthenticated, isPerson),
    approveAccessRequest: and(isAuthenticated, isPerson),
    rejectAccessRequest: and(isAuthenticated, isPerson),
    withdrawAccessRequest: and(isAuthenticated, isPerson),
    supportLookup: and(isAuthenticated, isSupport),
  },
  Party: {
    id: isAuthenticated,
    delegationsReceived: and(isAuthenticated, administersParty),
    delegationsGiven: and(isAuthenticated, administersParty),
    delegableRights: and(isAuthenticated, administersParty),
    delegationCheck: and(isAuthenticated, isPerson, mayActForParty),
    powersOfAttorneyGiven: and(isAuthenticated, isSelf),
    powersOfAttorneyReceived: and(isAuthenticated, isSelf),
    authorizedParties: and(isAuthenticated, isSelf),
    authorizedPartiesWithReasons: and(isAuthenticated, isSelf),
    accessRequestsSent: and(isAuthenticated, isSelf),
    accessRequestsReceived: and(isAuthenticated, administersParty),
    accessOverview: and(isAuthenticated, administersParty),
    auditLog: and(isAuthenticated, administersParty),
    delegationsReceivedPage: and(isAuthenticated, administersParty),
    delegationsGivenPage: and(isAuthenticated, administersParty),
    accessRequestsSentPage: and(isAuthenticated, isSelf),
    accessRequestsReceivedPage: and(isAuthenticated, administersParty),
    auditLogPage: and(isAuthenticated, administersParty),
    supportLookups: and(isAuthenticated, administersParty),
    supportLookupsPage: and(isAuthenticated, administersParty),
  },
  SupportLookup: { '*': and(isAuthenticated, isSupport, readsThroughLookup) },
  SupportRoleAssignment: { '*': and(isAuthenticated, isSupport) },
  SupportDelegation: { '*': and(isAuthenticated, isSupport) },
  SupportLookupRecord: underGuardedField,
  SupportLookupRecordPage: underGuardedField,
  Delegation: { '*': and(isAuthenticated, maySeeDelegationRule) },
  AccessRequest: { '*': and(isAuthenticated, maySeeAccessRequestRule) },
  AuthorizationDecision: underGuardedField,
  AuthorizedSubject: underGuardedField,
  AuthorizedResource: underGuardedField,
  DecisionReason: underGuardedField,
  Obligations: underGuardedField,
  AuthorizedParty: underGuardedField,
  AccessOverview: underGuardedField,
  AccessRow: underGuardedField,
  DelegableRights: underGuardedField,
  DelegableResource: underGuardedField,
  DelegationCheckRight: underGuardedField,
  AuditEntry: underGuardedField,
  Resource: underGuardedField,
  AccessPackage: underGuardedField,
  DelegationPage: underGuardedField,
  AccessRequestPage: underGuardedField,
  AuditEntryPage: underGuardedField,
  PageInfo: underGuardedField,
};
