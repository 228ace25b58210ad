import { allow, and, hasScope, hubError, isAuthenticated, rule, type SubgraphContext } from '@hub/kit';
import { maySeeConsent } from './consent/consent.visibility';
import type { ConsentRow } from './consent/consent.type';
import type { Loaders } from './loaders';
import type { PartyRef } from './party/party.type';

/** The scope a consumer's system needs to ask for consent (Maskinporten-like organisation token). */
export const CONSENT_WRITE_SCOPE = 'altinn:consentrequests.write';

const refuse = (message: string) => hubError('FORBIDDEN', message);

/** The kit's isOrganization, with a message that says what to do instead of the bare FORBIDDEN. */
const onlyOrganizations = rule({ cache: 'contextual' })((_p, _a, ctx: SubgraphContext) =>
  ctx.viewer?.kind === 'organization' ? true : refuse('Only an organisation (a Maskinporten-like token) may do this.'),
);

const mayWriteConsentRequests = rule({ cache: 'contextual' })((_p, _a, ctx: SubgraphContext) =>
  hasScope(ctx.viewer, CONSENT_WRITE_SCOPE) ? true : refuse(`Asking for consent needs scope ${CONSENT_WRITE_SCOPE}.`),
);

const mayActForParty = rule({ cache: 'strict' })((party: PartyRef, _a, ctx: SubgraphContext) =>
  ctx.access.mayActFor(party.id),
);

const isThisOrganization = rule({ cache: 'strict' })((party: PartyRef, _a, ctx: SubgraphContext) =>
  ctx.viewer?.kind === 'organization' && ctx.viewer.partyId === party.id ? true : refuse('Only the organisation itself may see this.'),
);

/** Entity-level: also guards `_entities`, where root-field rules never run. */
const maySeeConsentRule = rule({ cache: 'strict' })((c: ConsentRow, _a, ctx: SubgraphContext<Loaders>) => maySeeConsent(c, ctx));

/** Types reachable only through a guarded field or a mutation that made its own checks. */
const underGuardedField = { '*': isAuthenticated };

export const permissions = {
  Query: {
    consentRequest: isAuthenticated,
    consentEventFeed: and(isAuthenticated, onlyOrganizations),
    consentSigningKeys: allow,
  },
  Mutation: {
    createConsentRequest: and(isAuthenticated, onlyOrganizations, mayWriteConsentRequests),
    acceptConsentRequest: isAuthenticated,
    rejectConsentRequest: isAuthenticated,
    revokeConsent: isAuthenticated,
    deleteConsentRequest: and(isAuthenticated, onlyOrganizations),
    issueConsentToken: and(isAuthenticated, onlyOrganizations),
    reportConsentUse: and(isAuthenticated, onlyOrganizations),
  },
  Party: {
    id: isAuthenticated,
    consentsGiven: and(isAuthenticated, mayActForParty),
    consentLog: and(isAuthenticated, mayActForParty),
    consentsReceived: and(isAuthenticated, isThisOrganization),
    consentsGivenPage: and(isAuthenticated, mayActForParty),
    consentLogPage: and(isAuthenticated, mayActForParty),
    consentsReceivedPage: and(isAuthenticated, isThisOrganization),
  },
  ConsentRequest: { '*': and(isAuthenticated, maySeeConsentRule) },
  ConsentRight: underGuardedField,
  ConsentEvent: underGuardedField,
  ConsentReceipt: underGuardedField,
  ConsentRequestTemplate: underGuardedField,
  ConsentText: underGuardedField,
  ConsentAnswer: underGuardedField,
  ConsentToken: underGuardedField,
  ConsentEventConnection: underGuardedField,
  ConsentEventEdge: underGuardedField,
  ConsentEventPageInfo: underGuardedField,
  ConsentRequestPage: underGuardedField,
  ConsentEventPage: underGuardedField,
  PageInfo: underGuardedField,
  Resource: underGuardedField,
};
