import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, PageType, type Page, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import { accessRequestsPage } from './access-request.list';
import type { AccessRequestRow } from './access-request.loader';
import { AccessRequest, AccessRequestStatus } from './access-request.type';

type Context = SubgraphContext<Loaders>;

const AccessRequestPage = PageType(AccessRequest);

const SENT = 'Requests this person has made, newest first. Only for the person.';
const RECEIVED = 'Requests made to this party, newest first. For those who may act for it.';
const PAGED = ' Pages of `first` (default 100, at most 500) after the cursor `after`; the `…Page` field gives the cursor.';
const COMPANION = ' A page of them, with the cursor for the next.';

@Resolver(() => Party)
export class PartyAccessRequestsResolver {
  @FieldResolver(() => [AccessRequest], { nullable: true, description: SENT + PAGED })
  async accessRequestsSent(
    @Root() party: PartyRef,
    @Arg('status', () => AccessRequestStatus, { nullable: true }) status: AccessRequestStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<AccessRequestRow[]> {
    return (await accessRequestsPage('sent', party.id, status, page, ctx)).nodes;
  }

  @FieldResolver(() => AccessRequestPage, { nullable: true, description: SENT + COMPANION })
  accessRequestsSentPage(
    @Root() party: PartyRef,
    @Arg('status', () => AccessRequestStatus, { nullable: true }) status: AccessRequestStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Page<AccessRequestRow>> {
    return accessRequestsPage('sent', party.id, status, page, ctx);
  }

  @FieldResolver(() => [AccessRequest], { nullable: true, description: RECEIVED + PAGED })
  async accessRequestsReceived(
    @Root() party: PartyRef,
    @Arg('status', () => AccessRequestStatus, { nullable: true }) status: AccessRequestStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<AccessRequestRow[]> {
    return (await accessRequestsPage('received', party.id, status, page, ctx)).nodes;
  }

  @FieldResolver(() => AccessRequestPage, { nullable: true, description: RECEIVED + COMPANION })
  accessRequestsReceivedPage(
    @Root() party: PartyRef,
    @Arg('status', () => AccessRequestStatus, { nullable: true }) status: AccessRequestStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Page<AccessRequestRow>> {
    return accessRequestsPage('received', party.id, status, page, ctx);
  }
}
