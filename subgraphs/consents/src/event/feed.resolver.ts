import { and, asc, eq, or, sql } from 'drizzle-orm';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Db } from '@hub/db';
import { consentEvents, consentRequests } from '@hub/db/consents';
import { badInput, CurrentOrganization, type OrganizationViewer, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { decodeCursor, encodeCursor, type FeedPosition } from './cursor';
import { ConsentEventType } from './event.type';
import { ConsentEventConnection } from './feed.type';

type Context = SubgraphContext<Loaders>;

export const MAX_FEED_PAGE = 500;

/**
 * The visibility horizon (migration 0009), in the same statement, so the same snapshot, as the rows read: the oldest
 * transaction of this database still running when the statement began. Every writer below it has ended, so an event
 * below it is final, and any event committed later sorts after it in (xactId, id) order: a reader that stops here
 * never passes an event that a slower writer commits afterwards, and no writer has to wait for another to keep it so.
 * A long transaction holds the horizon back (events show later), never makes an event be skipped.
 */
const horizon = sql`consents.feed_horizon()`;

/** A cursor of the earlier encoding (the event id alone): the position of that event, or the start when it is unknown. */
async function positionOf(db: Db, cursor: FeedPosition | { id: number }): Promise<FeedPosition> {
  if ('xactId' in cursor) return cursor;
  const [row] = await db.select({ xactId: consentEvents.xactId, id: consentEvents.id }).from(consentEvents).where(eq(consentEvents.id, cursor.id));
  return row ?? { xactId: 0, id: cursor.id };
}

@Resolver()
export class ConsentEventFeedResolver {
  @Query(() => ConsentEventConnection, {
    description:
      'For requesters: every event on the requests the viewer’s organisation made or handles, in one order (oldest first). ' +
      'Pages follow each other without gaps or repeats, also while events are being written. first: 1–500.',
  })
  async consentEventFeed(
    @Arg('after', () => String, { nullable: true }) after: string | null | undefined,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<ConsentEventConnection> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_FEED_PAGE) throw badInput('first', `must be between 1 and ${MAX_FEED_PAGE}`);
    const from = after ? await positionOf(ctx.db, decodeCursor(after, 'after')) : { xactId: -1, id: 0 };
    const recipient = viewer.partyId;
    const rows = await ctx.db
      .select({ event: consentEvents })
      .from(consentEvents)
      .innerJoin(consentRequests, eq(consentRequests.id, consentEvents.consentId))
      .where(
        and(
          sql`(${consentEvents.xactId}, ${consentEvents.id}) > (${from.xactId}, ${from.id})`,
          sql`${consentEvents.xactId} < ${horizon}`,
          or(eq(consentRequests.toId, recipient), eq(consentRequests.handledById, recipient)),
        ),
      )
      .orderBy(asc(consentEvents.xactId), asc(consentEvents.id))
      .limit(first + 1);
    const page = rows.slice(0, first).map((r) => ({ ...r.event, type: ConsentEventType[r.event.type] }));
    const edges = page.map((e) => ({ cursor: encodeCursor(e), node: e }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? after ?? null, hasNextPage: rows.length > first } };
  }
}
