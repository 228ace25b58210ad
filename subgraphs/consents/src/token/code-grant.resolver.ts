import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import { issueToken } from '../consent/consent.transitions';
import type { Loaders } from '../loaders';
import { authenticateClient } from './client-assertion';
import { AuthorizationCodeGrantInput, shapeCodeGrant } from './code-grant.input';
import { ConsentToken } from './issue.input';
import { consentSettings } from './settings';

type Context = SubgraphContext<Loaders>;

@Resolver()
export class AuthorizationCodeGrantResolver {
  @Mutation(() => ConsentToken, {
    description:
      'The token endpoint’s exchange (POST /oauth/token serves it): a client authenticated by a private_key_jwt assertion (RFC 7523) ' +
      'exchanges the one-time code from the accept redirect for a consent token, as issueConsentToken does by code. Needs no bearer ' +
      'token: a failed client authentication is UNAUTHENTICATED, a code that cannot be exchanged is BAD_USER_INPUT or FORBIDDEN ' +
      'naming it (input.code, input.redirectUrl, input.codeVerifier), as with issueConsentToken.',
  })
  async exchangeAuthorizationCode(
    @Arg('input', () => AuthorizationCodeGrantInput) input: AuthorizationCodeGrantInput,
    @Ctx() ctx: Context,
  ): Promise<ConsentToken> {
    const { request, clientId, assertion } = shapeCodeGrant(input);
    const settings = consentSettings(ctx.settings);
    const now = new Date();
    const client = await authenticateClient(ctx.db, {
      assertion,
      clientId,
      issuer: settings.issuer,
      now,
      loadClient: (id) => ctx.loaders.clients.byId.load(id),
    });
    const recipient = { partyId: client.organizationId, clientId: client.id };
    return issueToken(ctx.db, { request, recipient, settings, now, consent: null });
  }
}
