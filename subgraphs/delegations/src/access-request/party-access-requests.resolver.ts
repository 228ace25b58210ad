import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import type { AccessRequestRow } from './access-request.loader';
import { AccessRequest, AccessRequestStatus } from './access-request.type';

type Context = SubgraphContext<Loaders>;

const withStatus = (rows: AccessRequestRow[], status?: AccessRequestStatus | null) => (status ? rows.filter((r) => r.status === status) : rows);

@Resolver(() => Party)
export class PartyAccessRequestsResolver {
  @FieldResolver(() => [AccessRequest], { nullable: true, description: 'Requests this person has made, newest first. Only for the person.' })
  async accessRequestsSent(
    @Root() party: PartyRef,
    @Arg('status', () => AccessRequestStatus, { nullable: true }) status: AccessRequestStatus | null,
    @Ctx() ctx: Context,
  ): Promise<AccessRequestRow[]> {
    return withStatus(await ctx.loaders.accessRequests.byRequesterId.load(party.id), status);
  }

  @FieldResolver(() => [AccessRequest], { nullable: true, description: 'Requests made to this party, newest first. For those who may act for it.' })
  async accessRequestsReceived(
    @Root() party: PartyRef,
    @Arg('status', () => AccessRequestStatus, { nullable: true }) status: AccessRequestStatus | null,
    @Ctx() ctx: Context,
  ): Promise<AccessRequestRow[]> {
    return withStatus(await ctx.loaders.accessRequests.byFromId.load(party.id), status);
  }
}
