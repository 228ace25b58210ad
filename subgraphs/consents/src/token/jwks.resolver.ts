import { Ctx, Query, Resolver } from 'type-graphql';
import { JSONResolver, type SubgraphContext } from '@hub/kit';
import { publicJwks } from './signing-keys';

@Resolver()
export class ConsentSigningKeysResolver {
  @Query(() => JSONResolver, {
    description:
      'The public keys that verify consent tokens, as a JWK Set ({ keys }): keys published ahead of signing, the one signing now, ' +
      'and older ones while a token they signed is unexpired. Public; the router serves it as /.well-known/jwks.json.',
  })
  async consentSigningKeys(@Ctx() ctx: SubgraphContext): Promise<{ keys: unknown[] }> {
    return { keys: await publicJwks(ctx.db) };
  }
}
