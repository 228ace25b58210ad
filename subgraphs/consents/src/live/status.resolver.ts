import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { DateTimeResolver, forbidden, notFound, type SubgraphContext } from '@hub/kit';
import { ConsentStatus } from '../consent/consent.type';
import { loadVisibleConsent } from '../consent/consent.visibility';
import type { Loaders } from '../loaders';
import { consentSettings } from '../token/settings';
import { statusWatcherOf, type StatusChange } from './status-watcher';

type Context = SubgraphContext<Loaders>;

@ObjectType('ConsentStatusChange', { description: "A consent request's status, as the live-status subscription sends it." })
export class ConsentStatusChange {
  @Field(() => ID, { description: 'The consent request.' })
  id!: string;

  @Field(() => ConsentStatus, { description: 'As of now: EXPIRED once validTo has passed while CREATED or ACCEPTED.' })
  status!: ConsentStatus;

  @Field(() => DateTimeResolver, { description: 'Since when the request has had this status.' })
  at!: Date;
}

/**
 * Checked once, when the subscription starts: the request must exist and be visible to the viewer (NOT_FOUND
 * otherwise, so that existence does not leak), and the viewer must be its requester or the organisation handling it
 * for the requester (FORBIDDEN otherwise: the person asked, a guardian or a data source see the request but do not
 * watch it).
 */
async function watchStatus({ args, context }: SubscribeResolverData<unknown, { id: string }, Context>): Promise<AsyncIterableIterator<StatusChange>> {
  const id = String(args.id);
  const row = await loadVisibleConsent(id, context);
  if (!row) throw notFound(`Consent request ${id}`);
  const viewer = context.viewer!.partyId;
  if (viewer !== row.toId && viewer !== row.handledById)
    throw forbidden('Only the requester or the organisation handling the request may watch its status.');
  return statusWatcherOf(context.db, consentSettings(context.settings).liveStatusPollMs).watch(row.id);
}

@Resolver()
export class ConsentStatusSubscriptionResolver {
  @Subscription(() => ConsentStatusChange, {
    subscribe: watchStatus,
    description:
      "A consent request's status: the current one first, then each change (ACCEPTED, REJECTED, REVOKED, DELETED, USED, EXPIRED). " +
      'Only for the requester and the organisation handling the request; over Server-Sent Events (Accept: text/event-stream).',
  })
  consentRequestStatus(@Root() change: StatusChange, @Arg('id', () => ID) _id: string): ConsentStatusChange {
    return change;
  }
}
