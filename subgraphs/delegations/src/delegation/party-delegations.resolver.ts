import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, PageType, type Page, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import { delegationsPage } from './delegation.list';
import type { DelegationRow } from './delegation.loader';
import { Delegation } from './delegation.type';

type Context = SubgraphContext<Loaders>;

const DelegationPage = PageType(Delegation);

const RECEIVED = 'Active delegations this party has received, oldest first. For the party itself and its administrators.';
const GIVEN = 'Active delegations given on behalf of this party, oldest first. For the party itself and its administrators.';
const PAGED = ' Pages of `first` (default 100, at most 500) after the cursor `after`; the `…Page` field gives the cursor.';
const COMPANION = ' A page of them, with the cursor for the next.';

@Resolver(() => Party)
export class PartyDelegationsResolver {
  @FieldResolver(() => [Delegation], { nullable: true, description: RECEIVED + PAGED })
  async delegationsReceived(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<DelegationRow[]> {
    return (await delegationsPage('received', party.id, page, ctx)).nodes;
  }

  @FieldResolver(() => DelegationPage, { nullable: true, description: RECEIVED + COMPANION })
  delegationsReceivedPage(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<Page<DelegationRow>> {
    return delegationsPage('received', party.id, page, ctx);
  }

  @FieldResolver(() => [Delegation], { nullable: true, description: GIVEN + PAGED })
  async delegationsGiven(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<DelegationRow[]> {
    return (await delegationsPage('given', party.id, page, ctx)).nodes;
  }

  @FieldResolver(() => DelegationPage, { nullable: true, description: GIVEN + COMPANION })
  delegationsGivenPage(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<Page<DelegationRow>> {
    return delegationsPage('given', party.id, page, ctx);
  }
}
