import { and, hasScope, hubError, isAuthenticated, mayActForParty, rule, type SubgraphContext } from '@hub/kit';
import type { AccreditationRow } from './accreditation/accreditation.type';

const refuse = (message: string) => hubError('FORBIDDEN', message);

const onlyOrganizations = rule({ cache: 'contextual' })((_p, _a, ctx: SubgraphContext) =>
  ctx.viewer?.kind === 'organization' ? true : refuse('Only an organisation (a Maskinporten-like token) may do this.'),
);

/** altinn:dataaltinnno/<serviceContext>: the scope differs per context, so the rule reads the argument. */
const mayAskInContext = rule({ cache: 'strict' })((_p, args: { input?: { serviceContext?: string } }, ctx: SubgraphContext) => {
  const scope = `altinn:dataaltinnno/${args.input?.serviceContext ?? ''}`;
  return hasScope(ctx.viewer, scope) ? true : refuse(`Asking for evidence in this service context needs scope ${scope}.`);
});

/** What was asked for and its values: only the requestor. The subject sees that the accreditation exists. */
const isRequestor = rule({ cache: 'strict' })((acc: AccreditationRow, _a, ctx: SubgraphContext) =>
  ctx.viewer?.partyId === acc.requestorId ? true : refuse('Only the accreditation’s requestor may see this.'),
);

/** Types reachable only through a guarded field. */
const underGuardedField = { '*': isAuthenticated };

export const permissions = {
  Query: {
    evidenceCodes: and(isAuthenticated, onlyOrganizations),
    serviceContexts: isAuthenticated,
    accreditation: and(isAuthenticated, onlyOrganizations),
    openEvidence: and(isAuthenticated, onlyOrganizations),
  },
  Mutation: {
    createAccreditation: and(isAuthenticated, onlyOrganizations, mayAskInContext),
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
