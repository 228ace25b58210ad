import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { CurrentOrganization, forbidden, notFound, type OrganizationViewer, type SubgraphContext } from '@hub/kit';
import { issueToken } from '../consent/consent.transitions';
import { loadVisibleConsent } from '../consent/consent.visibility';
import type { Loaders } from '../loaders';
import { ConsentToken, IssueConsentTokenInput, shapeTokenRequest } from './issue.input';
import { consentSettings } from './settings';

type Context = SubgraphContext<Loaders>;

@Resolver()
export class IssueConsentTokenResolver {
  @Mutation(() => ConsentToken, {
    description:
      'The recipient (`to`, or `handledBy`) gets a consent token for an accepted, unexpired consent: by the one-time code from the ' +
      'redirect (only `to`, with redirectUrl and the PKCE verifier) or by consentId. A replayed code is refused and revokes the ' +
      'tokens it gave. The token carries only the rights still usable: a one-time right goes into one token, once (a CONFLICT ' +
      'when nothing asked for is left).',
  })
  async issueConsentToken(
    @Arg('input', () => IssueConsentTokenInput) input: IssueConsentTokenInput,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<ConsentToken> {
    const request = shapeTokenRequest(input);
    const recipient = { partyId: viewer.partyId, clientId: viewer.clientId ?? viewer.partyUrn };
    let consent = null;
    if (request.kind === 'consent') {
      consent = await loadVisibleConsent(request.consentId, ctx);
      if (!consent) throw notFound(`Consent ${request.consentId}`);
      if (recipient.partyId !== consent.toId && recipient.partyId !== consent.handledById) {
        throw forbidden('Only the consent’s recipient (to or handledBy) may get its tokens.');
      }
    }
    return issueToken(ctx.db, { request, recipient, settings: consentSettings(ctx.settings), now: new Date(), consent });
  }
}
