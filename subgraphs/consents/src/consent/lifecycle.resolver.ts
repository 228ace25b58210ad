import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { CurrentOrganization, CurrentViewer, forbidden, notFound, type OrganizationViewer, type SubgraphContext, type Viewer } from '@hub/kit';
import type { Loaders } from '../loaders';
import { deleteConsentRequest, revokeConsent } from './consent.transitions';
import { ConsentRequest, type ConsentRow } from './consent.type';
import { loadVisibleConsent } from './consent.visibility';
import { whoMayAnswer } from './who-may-answer';

type Context = SubgraphContext<Loaders>;

@Resolver(() => ConsentRequest)
export class ConsentLifecycleResolver {
  @Mutation(() => ConsentRequest, {
    description:
      'The party asked, or whoever may answer for it, withdraws an accepted consent. No token is issued for it from then on, and ' +
      'the unexpired ones are marked revoked. A consent of one-time rights only cannot be revoked.',
  })
  async revokeConsent(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<ConsentRow> {
    const consent = await loadVisibleConsent(id, ctx);
    if (!consent) throw notFound(`Consent ${id}`);
    const viewerId = viewer.partyId;
    const rights = await ctx.loaders.consents.rightsByConsentId.load(consent.id);
    const may = await whoMayAnswer(consent, rights, ctx);
    if (!may.ok) throw forbidden(may.reason);
    return revokeConsent(ctx.db, consent.id, rights, viewerId, new Date());
  }

  @Mutation(() => ConsentRequest, { description: 'The requester withdraws a request nobody has answered yet.' })
  async deleteConsentRequest(
    @Arg('id', () => ID) id: string,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<ConsentRow> {
    const consent = await loadVisibleConsent(id, ctx);
    if (!consent) throw notFound(`Consent request ${id}`);
    const viewerId = viewer.partyId;
    if (viewerId !== consent.toId) throw forbidden('Only the requester may delete a consent request.');
    return deleteConsentRequest(ctx.db, consent.id, viewerId, new Date());
  }
}
