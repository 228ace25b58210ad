import { and, asc, eq, gt, or } from 'drizzle-orm';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { consentEvents, consentRequests } from '@hub/db/consents';
import { badInput, CurrentOrganization, type OrganizationViewer, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { decodeCursor, encodeCursor } from './cursor';
import { ConsentEventType } from './event.type';
import { ConsentEventConnection } from './feed.type';

type Context = SubgraphContext<Loaders>;

export const MAX_FEED_PAGE = 500;

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
    const afterId = after ? decodeCursor(after, 'after') : 0;
    const recipient = viewer.partyId;
    const rows = await ctx.db
      .select({ event: consentEvents })
      .from(consentEvents)
      .innerJoin(consentRequests, eq(consentRequests.id, consentEvents.consentId))
      .where(and(gt(consentEvents.id, afterId), or(eq(consentRequests.toId, recipient), eq(consentRequests.handledById, recipient))))
      .orderBy(asc(consentEvents.id))
      .limit(first + 1);
    const page = rows.slice(0, first).map((r) => ({ ...r.event, type: ConsentEventType[r.event.type] }));
    const edges = page.map((e) => ({ cursor: encodeCursor(e.id), node: e }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? after ?? null, hasNextPage: rows.length > first } };
  }
}
