import { createPermissions } from '@hub/authz';
import { buildSubgraph } from '@hub/kit';
import { AccessOverviewResolver, PartyAccessOverviewResolver } from './access-overview/access-overview.resolver';
import { accessRequestReference } from './access-request/access-request.reference';
import { AccessRequestResolver } from './access-request/access-request.resolver';
import { PartyAccessRequestsResolver } from './access-request/party-access-requests.resolver';
import { AuditEntryResolver, PartyAuditResolver } from './audit/audit.resolver';
import { AuthorizeResolver } from './authorization/authorize.resolver';
import { AuthorizationSearchResolver } from './authorization/search.resolver';
import { AuthorizedPartyResolver } from './authorized-party/authorized-party.resolver';
import { PartyDelegableRightsResolver } from './delegable/delegable-rights.resolver';
import { PartyDelegationCheckResolver } from './delegable/delegation-check.resolver';
import { delegationReference } from './delegation/delegation.reference';
import { DelegationResolver } from './delegation/delegation.resolver';
import { PartyDelegationsResolver } from './delegation/party-delegations.resolver';
import { partyReference } from './party/party.reference';
import { permissions } from './permissions';
import { PowerOfAttorneyResolver } from './power-of-attorney/power-of-attorney.resolver';
import { supportLookupReference } from './support-lookup/support-lookup.reference';
import { PartySupportLookupsResolver, SupportLookupResolver } from './support-lookup/support-lookup.resolver';

/** The delegations subgraph: the decision point, delegations, access requests, overviews and their audit log. No side effects. */
export const buildDelegationsSchema = () =>
  buildSubgraph({
    resolvers: [
      AuthorizeResolver,
      AuthorizationSearchResolver,
      DelegationResolver,
      PartyDelegationsResolver,
      PartyDelegableRightsResolver,
      PowerOfAttorneyResolver,
      PartyDelegationCheckResolver,
      AccessRequestResolver,
      PartyAccessRequestsResolver,
      AuthorizedPartyResolver,
      AccessOverviewResolver,
      PartyAccessOverviewResolver,
      AuditEntryResolver,
      PartyAuditResolver,
      SupportLookupResolver,
      PartySupportLookupsResolver,
    ],
    referenceResolvers: { ...partyReference, ...delegationReference, ...accessRequestReference, ...supportLookupReference },
    permissions: createPermissions(permissions),
  });
