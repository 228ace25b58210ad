import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { badInput, CurrentOrganization, forbidden, notFound, type OrganizationViewer, type SubgraphContext } from '@hub/kit';
import { useConsent } from '../consent/consent.transitions';
import { ConsentRequest, type ConsentRow } from '../consent/consent.type';
import { maySeeConsent, ownsARequestedResource } from '../consent/consent.visibility';
import { isUuid } from '../ids';
import type { Loaders } from '../loaders';

type Context = SubgraphContext<Loaders>;

@Resolver()
export class ReportConsentUseResolver {
  @Mutation(() => ConsentRequest, {
    description:
      'A data source (the owner of a requested resource) reports that it is about to deliver data under the consent, and delivers ' +
      'only on a yes: a one-time right is used once, through the one token that holds it (jti), and a second report is a CONFLICT, ' +
      'as is a report for a revoked or expired token. Each use is one USED entry in the subject’s consent log. The consent becomes ' +
      'USED when every right was one-time and all are used.',
  })
  async reportConsentUse(
    @Arg('consentId', () => ID) consentId: string,
    @Arg('jti', () => String, { nullable: true, description: 'The jti of the consent token presented (required for a one-time right).' })
    jti: string | null | undefined,
    @Arg('resource', () => String, { nullable: true, description: 'The resource delivered; left out: every right of the consent the source owns.' })
    resource: string | null | undefined,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<ConsentRow> {
    const viewerId = viewer.partyId;
    const consent = isUuid(consentId) ? await ctx.loaders.consents.byId.load(consentId.toLowerCase()) : null;
    if (!consent) throw notFound(`Consent ${consentId}`);
    if (!(await ownsARequestedResource(consent, ctx))) {
      if (!(await maySeeConsent(consent, ctx))) throw notFound(`Consent ${consentId}`);
      throw forbidden('Only a data source of the consent (the owner of a requested resource) may report its use.');
    }
    if (jti != null && !isUuid(jti)) throw badInput('jti', 'is not the jti of a token of this consent');
    return useConsent(ctx.db, consent.id, { sourceId: viewerId, jti: jti?.toLowerCase() ?? null, resource: resource ?? null, now: new Date() });
  }
}
