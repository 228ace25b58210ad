import { createPermissions } from '@hub/authz';
import { buildSubgraph } from '@hub/kit';
import { AnswerConsentRequestResolver } from './consent/answer.resolver';
import { consentReference } from './consent/consent.reference';
import { PartyConsentRightsResolver } from './consent/consent-rights';
import { ConsentRequestResolver, ConsentRightResolver } from './consent/consent.resolver';
import { CreateConsentRequestResolver } from './consent/create.resolver';
import { JointAcceptanceResolver } from './consent/joint-acceptance.resolver';
import { ConsentLifecycleResolver } from './consent/lifecycle.resolver';
import { PartyConsentsResolver } from './consent/party-consents.resolver';
import { ConsentEventResolver } from './event/event.resolver';
import { ConsentEventFeedResolver } from './event/feed.resolver';
import { ConsentStatusSubscriptionResolver } from './live/status.resolver';
import { partyReference } from './party/party.reference';
import { permissions } from './permissions';
import { supportLookupReference } from './support-lookup/support-lookup.reference';
import { SupportLookupConsentsResolver } from './support-lookup/support-lookup.resolver';
import { SupportLookup } from './support-lookup/support-lookup.type';
import { ConsentTemplateResolver } from './template/template.resolver';
import { AuthorizationCodeGrantResolver } from './token/code-grant.resolver';
import { IssueConsentTokenResolver } from './token/issue.resolver';
import { ConsentSigningKeysResolver } from './token/jwks.resolver';
import { ReportConsentUseResolver } from './token/use.resolver';
import { WebhookSubscriptionResolver } from './webhook/webhook.resolver';

/** The consents subgraph: consent requests and their answers, consent tokens, the consent log and feed, live status, partners' webhook subscriptions. No side effects. */
export const buildConsentsSchema = () =>
  buildSubgraph({
    resolvers: [
      ConsentRequestResolver,
      ConsentRightResolver,
      CreateConsentRequestResolver,
      AnswerConsentRequestResolver,
      JointAcceptanceResolver,
      ConsentLifecycleResolver,
      PartyConsentsResolver,
      PartyConsentRightsResolver,
      ConsentTemplateResolver,
      ConsentEventResolver,
      ConsentEventFeedResolver,
      IssueConsentTokenResolver,
      AuthorizationCodeGrantResolver,
      ReportConsentUseResolver,
      ConsentSigningKeysResolver,
      WebhookSubscriptionResolver,
      ConsentStatusSubscriptionResolver,
      SupportLookupConsentsResolver,
    ],
    orphanedTypes: [SupportLookup],
    referenceResolvers: { ...partyReference, ...consentReference, ...supportLookupReference },
    permissions: createPermissions(permissions),
  });
