import { forbidden, hasScope, type SubgraphContext } from '@hub/kit';
import { administersParty, allow, and, isAuthenticated, isOrganization, isSupport, mayActForParty, readsThroughLookup, rule } from '@hub/authz';
import { maySeeConsent } from './consent/consent.visibility';
import type { ConsentRow } from './consent/consent.type';
import type { Loaders } from './loaders';
import type { PartyRef } from './party/party.type';
import type { WebhookSubscriptionRow } from './webhook/webhook.type';

/** The scope a consumer's system needs to ask for consent (Maskinporten-like organisation token). */
export const CONSENT_WRITE_SCOPE = 'altinn:consentrequests.write';

const mayWriteConsentRequests = rule({ cache: 'contextual' })((_p, _a, ctx: SubgraphContext) =>
  hasScope(ctx.viewer, CONSENT_WRITE_SCOPE) ? true : forbidden(`Asking for consent needs scope ${CONSENT_WRITE_SCOPE}.`),
);

const isThisOrganization = rule({ cache: 'strict' })((party: PartyRef, _a, ctx: SubgraphContext) =>
  ctx.viewer?.kind === 'organization' && ctx.viewer.partyId === party.id ? true : forbidden('Only the organisation itself may see this.'),
);

/** Webhooks are for the systems that ask for consent (or read their requests). */
const mayManageWebhooks = rule({ cache: 'contextual' })((_p, _a, ctx: SubgraphContext) =>
  hasScope(ctx.viewer, CONSENT_WRITE_SCOPE) || hasScope(ctx.viewer, 'altinn:consentrequests.read')
    ? true
    : forbidden(`Webhook subscriptions need scope ${CONSENT_WRITE_SCOPE} or altinn:consentrequests.read.`),
);

/** A subscription is its organisation's alone (the resolvers read only the viewer's; this holds even if one did not). */
const ownsSubscription = rule({ cache: 'strict' })((s: WebhookSubscriptionRow, _a, ctx: SubgraphContext) =>
  ctx.viewer?.kind === 'organization' && ctx.viewer.partyId === s.ownerId ? true : forbidden('Only the organisation that subscribed may see this.'),
);

/** Entity-level: also guards `_entities`, where root-field rules never run. */
const maySeeConsentRule = rule({ cache: 'strict' })((c: ConsentRow, _a, ctx: SubgraphContext<Loaders>) => maySeeConsent(c, ctx));

/** Types reachable only through a guarded field or a mutation that made its own checks. */
const underGuardedField = { '*': isAuthenticated };

export const permissions = {
  Query: {
    consentRequest: isAuthenticated,
    consentEventFeed: and(isAuthenticated, isOrganization),
    consentSigningKeys: allow,
    webhookSubscriptions: and(isAuthenticated, isOrganization, mayManageWebhooks),
    webhookSubscription: and(isAuthenticated, isOrganization, mayManageWebhooks),
  },
  Mutation: {
    createConsentRequest: and(isAuthenticated, isOrganization, mayWriteConsentRequests),
    acceptConsentRequest: isAuthenticated,
    rejectConsentRequest: isAuthenticated,
    revokeConsent: isAuthenticated,
    deleteConsentRequest: and(isAuthenticated, isOrganization),
    issueConsentToken: and(isAuthenticated, isOrganization),
    // The client authenticates itself with a signed assertion (RFC 7523), checked by the resolver: no bearer token.
    exchangeAuthorizationCode: allow,
    reportConsentUse: and(isAuthenticated, isOrganization),
    createWebhookSubscription: and(isAuthenticated, isOrganization, mayManageWebhooks),
    deleteWebhookSubscription: and(isAuthenticated, isOrganization, mayManageWebhooks),
    setWebhookSubscriptionEnabled: and(isAuthenticated, isOrganization, mayManageWebhooks),
    rotateWebhookSecret: and(isAuthenticated, isOrganization, mayManageWebhooks),
  },
  // The field checks at subscribe time that the viewer is the requester or its handler (live/status.resolver.ts).
  Subscription: {
    consentRequestStatus: and(isAuthenticated, isOrganization),
  },
  Party: {
    id: isAuthenticated,
    consentsGiven: and(isAuthenticated, mayActForParty),
    consentLog: and(isAuthenticated, mayActForParty),
    consentsReceived: and(isAuthenticated, isThisOrganization),
    consentsGivenPage: and(isAuthenticated, mayActForParty),
    consentLogPage: and(isAuthenticated, mayActForParty),
    consentsReceivedPage: and(isAuthenticated, isThisOrganization),
    consentRights: and(isAuthenticated, administersParty),
  },
  ConsentRequest: { '*': and(isAuthenticated, maySeeConsentRule) },
  ConsentRight: underGuardedField,
  ConsentRightSummary: underGuardedField,
  ConsentEvent: underGuardedField,
  ConsentReceipt: underGuardedField,
  ConsentRequestTemplate: underGuardedField,
  ConsentText: underGuardedField,
  ConsentAnswer: underGuardedField,
  JointAcceptance: underGuardedField,
  JointAcceptanceEntry: underGuardedField,
  // Reached only through issueConsentToken and exchangeAuthorizationCode, whose caller (a client that authenticated by
  // its signed assertion, without a bearer token) gets the token it was given.
  ConsentToken: { '*': allow },
  ConsentStatusChange: underGuardedField,
  ConsentEventConnection: underGuardedField,
  ConsentEventEdge: underGuardedField,
  ConsentEventPageInfo: underGuardedField,
  ConsentRequestPage: underGuardedField,
  ConsentEventPage: underGuardedField,
  PageInfo: underGuardedField,
  Resource: underGuardedField,
  WebhookSubscription: { '*': and(isAuthenticated, ownsSubscription) },
  WebhookSecretIssued: underGuardedField,
  WebhookDelivery: underGuardedField,
  WebhookAttempt: underGuardedField,
  SupportLookup: { '*': and(isAuthenticated, isSupport, readsThroughLookup) },
  SupportConsent: { '*': and(isAuthenticated, isSupport) },
};
