import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import { Party, partyRef, type PartyRef } from '../party/party.type';
import { AuthorizedParty } from './authorized-party.type';
import { accessOf } from '@hub/authz';

/**
 * The contract selects `authorizedParties { urn name type }` straight on the list, so that field is a list of
 * parties; the paths come with `authorizedPartiesWithReasons`. Both read the kit's one answer, cached per request.
 */
@Resolver(() => Party)
export class AuthorizedPartyResolver {
  @FieldResolver(() => [Party], {
    nullable: true,
    description: 'Every party the viewer may act for (not itself). Only on the viewer’s own party (`me`).',
  })
  async authorizedParties(@Root() _party: PartyRef, @Ctx() ctx: SubgraphContext): Promise<PartyRef[]> {
    return (await accessOf(ctx).authorizedParties()).map((p) => partyRef(p.partyId));
  }

  @FieldResolver(() => [AuthorizedParty], { nullable: true, description: 'authorizedParties with the paths that give each. Only on `me`.' })
  async authorizedPartiesWithReasons(@Root() _party: PartyRef, @Ctx() ctx: SubgraphContext): Promise<AuthorizedParty[]> {
    return (await accessOf(ctx).authorizedParties()).map((p) => ({
      party: partyRef(p.partyId),
      reasons: p.reasons as AuthorizedParty['reasons'],
      viaMainUnit: p.viaMainUnitId ? partyRef(p.viaMainUnitId) : null,
    }));
  }
}
