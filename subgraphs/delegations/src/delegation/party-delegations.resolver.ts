import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import type { DelegationRow } from './delegation.loader';
import { Delegation } from './delegation.type';

type Context = SubgraphContext<Loaders>;

@Resolver(() => Party)
export class PartyDelegationsResolver {
  @FieldResolver(() => [Delegation], { nullable: true, description: 'Active delegations this party has received, oldest first. For the party itself and its administrators.' })
  delegationsReceived(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<DelegationRow[]> {
    return ctx.loaders.delegations.activeReceived.load(party.id);
  }

  @FieldResolver(() => [Delegation], { nullable: true, description: 'Active delegations given on behalf of this party, oldest first. For the party itself and its administrators.' })
  delegationsGiven(@Root() party: PartyRef, @Ctx() ctx: Context): Promise<DelegationRow[]> {
    return ctx.loaders.delegations.activeGiven.load(party.id);
  }
}
