import { forbidden, hasScope, type SubgraphContext } from '@hub/kit';
import { and, isAuthenticated, isOrganization, mayActForParty, rule } from '@hub/authz';
import type { AccreditationRow } from './accreditation/accreditation.type';

/** altinn:dataaltinnno/<serviceContext>: the scope differs per context, so the rule reads the argument. */
const mayAskInContext = rule({ cache: 'strict' })((_p, args: { input?: { serviceContext?: string } }, ctx: SubgraphContext) => {
  const scope = `altinn:dataaltinnno/${args.input?.serviceContext ?? ''}`;
  return hasScope(ctx.viewer, scope) ? true : forbidden(`Asking for evidence in this service context needs scope ${scope}.`);
});

/** What was asked for and its values: only the requestor. The subject sees that the accreditation exists. */
const isRequestor = rule({ cache: 'strict' })((acc: AccreditationRow, _a, ctx: SubgraphContext) =>
  ctx.viewer?.partyId === acc.requestorId ? true : forbidden('Only the accreditation’s requestor may see this.'),
);

/** Types reachable only through a guarded field. */
const underGuardedField = { '*': isAuthenticated };

export const permissions = {
  Query: {
    evidenceCodes: and(isAuthenticated, isOrganization),
    serviceContexts: isAuthenticated,
    accreditation: and(isAuthenticated, isOrganization),
    openEvidence: and(isAuthenticated, isOrganization),
  },
  Mutation: {
    createAccreditation: and(isAuthenticated, isOrganization, mayAskInContext),
  },
  Party: {
    id: isAuthenticated,
    accreditationsAboutMe: and(isAuthenticated, mayActForParty),
    evidenceRetrievals: and(isAuthenticated, mayActForParty),
    evidenceRetrievalsPage: and(isAuthenticated, mayActForParty),
  },
  Accreditation: {
    '*': isAuthenticated,
    evidence: and(isAuthenticated, isRequestor),
    consentRequest: and(isAuthenticated, isRequestor),
    consentRequests: and(isAuthenticated, isRequestor),
  },
  ConsentRequest: underGuardedField,
  EvidenceCode: underGuardedField,
  EvidenceValueSpec: underGuardedField,
  EvidenceParameterSpec: underGuardedField,
  ServiceContext: underGuardedField,
  LegalBasis: underGuardedField,
  EvidenceStatus: underGuardedField,
  EvidenceValue: underGuardedField,
  EvidenceRetrieval: underGuardedField,
  EvidenceRetrievalPage: underGuardedField,
  PageInfo: underGuardedField,
};
