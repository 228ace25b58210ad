import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, PageType, type Page, type SubgraphContext } from '@hub/kit';
import { ConsentEvent, type ConsentEventView } from '../event/event.type';
import { consentLogPage } from '../event/log.list';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import { consentsGivenPage, consentsReceivedPage } from './consent.list';
import { ConsentRequest, type ConsentRow } from './consent.type';

type Context = SubgraphContext<Loaders>;

const ConsentRequestPage = PageType(ConsentRequest);
const ConsentEventPage = PageType(ConsentEvent);

const GIVEN =
  'Consents this party has given (accepted, used, revoked or since expired), newest first. For the party, and for its ' +
  'representatives those their relationship covers.';
const LOG =
  'Everything that happened to consent requests to this party, newest first, with an EXPIRED entry when an accepted consent ran out. ' +
  'For the party, and for its representatives the events of the requests their relationship covers.';
const RECEIVED = 'Consent requests this organisation made or handles for the requester, newest first. For the organisation itself.';
const PAGED = ' Pages of `first` (default 100, at most 500) after the cursor `after`; the `…Page` field gives the cursor.';
const COMPANION = ' A page of them, with the cursor for the next.';

@Resolver(() => Party)
export class PartyConsentsResolver {
  @FieldResolver(() => [ConsentRequest], { nullable: true, description: GIVEN + PAGED })
  async consentsGiven(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<ConsentRow[]> {
    return (await consentsGivenPage(party.id, page, ctx)).nodes;
  }

  @FieldResolver(() => ConsentRequestPage, { nullable: true, description: GIVEN + COMPANION })
  consentsGivenPage(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<Page<ConsentRow>> {
    return consentsGivenPage(party.id, page, ctx);
  }

  @FieldResolver(() => [ConsentEvent], { nullable: true, description: LOG + PAGED })
  async consentLog(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<ConsentEventView[]> {
    return (await consentLogPage(party.id, page, ctx)).nodes;
  }

  @FieldResolver(() => ConsentEventPage, { nullable: true, description: LOG + COMPANION })
  consentLogPage(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<Page<ConsentEventView>> {
    return consentLogPage(party.id, page, ctx);
  }

  @FieldResolver(() => [ConsentRequest], { nullable: true, description: RECEIVED + PAGED })
  async consentsReceived(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<ConsentRow[]> {
    return (await consentsReceivedPage(party.id, page, ctx)).nodes;
  }

  @FieldResolver(() => ConsentRequestPage, { nullable: true, description: RECEIVED + COMPANION })
  consentsReceivedPage(@Root() party: PartyRef, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Context): Promise<Page<ConsentRow>> {
    return consentsReceivedPage(party.id, page, ctx);
  }
}
