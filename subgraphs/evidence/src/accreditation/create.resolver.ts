import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { urnOfParty } from '@hub/db';
import { badInput, CurrentOrganization, type OrganizationViewer, requirePartyByUrn, type SubgraphContext } from '@hub/kit';
import { ConsentsCallError, createConsentRequest } from '../consents-client';
import type { Loaders } from '../loaders';
import { insertAccreditation } from './accreditation.store';
import { Accreditation, CreateAccreditationInput, type AccreditationRow } from './accreditation.type';
import { checkCodes, checkContext, checkSubject, type CheckedCode } from './create.validation';

type Context = SubgraphContext<Loaders>;

const DEFAULT_VALIDITY_MS = 30 * 24 * 3600 * 1000;

@Resolver()
export class CreateAccreditationResolver {
  @Mutation(() => Accreditation, {
    description:
      'A requestor organisation (scope altinn:dataaltinnno/<serviceContext>) asks for evidence about a subject. Codes that need ' +
      'consent get one consent request from the subject to the requestor, covering all of them.',
  })
  async createAccreditation(
    @Arg('input', () => CreateAccreditationInput) input: CreateAccreditationInput,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<AccreditationRow> {
    if (viewer.kind !== 'organization') throw badInput('input', 'only an organisation may ask for evidence');
    const now = new Date();
    const [catalogue, requestor, subject] = await Promise.all([
      ctx.loaders.catalogue(),
      ctx.loaders.parties.byId.load(viewer.partyId),
      requirePartyByUrn(input.subject, ctx.loaders.parties, 'input.subject'),
    ]);
    const context = checkContext(catalogue, input.serviceContext, requestor);
    if (subject.id === requestor!.id) throw badInput('input.subject', 'must be another party than the requestor');
    checkSubject(context, subject);
    const codes = checkCodes(catalogue, context, input, subject);
    const validTo = input.validTo ?? new Date(now.getTime() + DEFAULT_VALIDITY_MS);
    if (validTo <= now) throw badInput('input.validTo', 'must be in the future');

    const consentCodes = codes.filter((c) => c.needsConsent);
    if (consentCodes.length && !input.consentRedirectUrl) {
      throw badInput('input.consentRedirectUrl', `is required: ${consentCodes.map((c) => c.entry.name).join(', ')} need the subject’s consent`);
    }
    const consentOf = new Map<CheckedCode, string>();
    // Created before our transaction: if our insert fails, the consent request stays CREATED, unanswered and harmless.
    if (consentCodes.length) {
      const group = consentCodes;
      const id = await createConsentRequest(
        { hub: ctx.settings, organizationNumber: viewer.organizationNumber, clientId: viewer.clientId, requestId: ctx.requestId },
        {
          from: urnOfParty(subject),
          validTo,
          redirectUrl: input.consentRedirectUrl!,
          requestMessage: `${requestor!.name} ber om opplysninger til ${context.name}.`,
          rights: group.map((c) => ({ resource: c.entry.resourceId, metadata: consentMetadata(c) })),
          ...(input.consentJointly ? { jointly: true } : {}),
        },
      ).catch((err) => {
        throw err instanceof ConsentsCallError ? err.toGraphQLError({ 'input.redirectUrl': 'input.consentRedirectUrl' }) : err;
      });
      for (const c of group) consentOf.set(c, id);
    }

    return insertAccreditation(
      ctx.db,
      { requestorId: requestor!.id, subjectId: subject.id, serviceContextId: context.id, createdAt: now, validTo },
      codes.map((c) => ({ code: c.entry.name, parameters: c.parameters, legalBasis: c.legalBasis, consentRequestId: consentOf.get(c) ?? null })),
    );
  }
}

/** The consent's metadata for a code: the parameters its resource's consent names (inntektsaar), as strings. */
function consentMetadata(code: CheckedCode): Record<string, string> {
  const keys = code.entry.consentMetadata ?? [];
  return Object.fromEntries(keys.filter((k) => code.parameters[k] != null).map((k) => [k, String(code.parameters[k])]));
}
