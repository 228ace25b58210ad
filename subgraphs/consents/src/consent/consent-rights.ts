import { and, asc, countDistinct, eq, gt, isNull, max, min, or, sql } from 'drizzle-orm';
import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { Db } from '@hub/db';
import { consentRequests, consentRights } from '@hub/db/consents';
import { DateTimeResolver, type SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { Party, type PartyRef } from '../party/party.type';
import { Resource } from '../resource/resource.type';

/**
 * One resource an organisation may use by consent now, summed over the consents that give it: how many, until when,
 * and whether for one use. Data-minimising: no consent, no person, no identity number, only counts and dates.
 */
@ObjectType({
  description: 'A resource an organisation may use now by consent, summed over the consents that give it: no persons, only counts and dates.',
})
export class ConsentRightSummary {
  @Field(() => Resource)
  resource!: Resource;

  @Field(() => Int, { description: 'How many accepted, unexpired consents give it.' })
  consents!: number;

  @Field(() => DateTimeResolver, { description: 'When the first of those consents expires.' })
  earliestValidTo!: Date;

  @Field(() => DateTimeResolver, { description: 'When the last of those consents expires.' })
  latestValidTo!: Date;

  @Field(() => Boolean, { description: 'Every one of those consents gives it for one use only (one-time).' })
  oneTime!: boolean;
}

/**
 * The resources `partyId` may use by consent at `now`: consents it received (as the requester, or as the supplier
 * handling the request, as the decision point counts them) that are ACCEPTED and unexpired, less one-time rights
 * already used. One statement, grouped by resource.
 */
export async function consentRightSummaries(db: Db, partyId: string, now = new Date()): Promise<ConsentRightSummary[]> {
  const rows = await db
    .select({
      resourceId: consentRights.resourceId,
      consents: countDistinct(consentRequests.id),
      earliestValidTo: min(consentRequests.validTo),
      latestValidTo: max(consentRequests.validTo),
      oneTime: sql<boolean>`bool_and(${consentRights.oneTime})`,
    })
    .from(consentRequests)
    .innerJoin(consentRights, eq(consentRights.consentId, consentRequests.id))
    .where(
      and(
        or(eq(consentRequests.toId, partyId), eq(consentRequests.handledById, partyId)),
        eq(consentRequests.status, 'ACCEPTED'),
        gt(consentRequests.validTo, now),
        or(eq(consentRights.oneTime, false), isNull(consentRights.usedAt)),
      ),
    )
    .groupBy(consentRights.resourceId)
    .orderBy(asc(consentRights.resourceId));
  return rows.map((r) => ({
    resource: { id: r.resourceId },
    consents: Number(r.consents),
    // Never null: every group has at least one row.
    earliestValidTo: new Date(r.earliestValidTo!),
    latestValidTo: new Date(r.latestValidTo!),
    oneTime: Boolean(r.oneTime),
  }));
}

@Resolver(() => Party)
export class PartyConsentRightsResolver {
  @FieldResolver(() => [ConsentRightSummary], {
    nullable: true,
    description:
      'What this organisation may use now by consent, per resource: how many accepted, unexpired consents give it, until when, ' +
      'whether one-time. No persons. For the party and its administrators (FORBIDDEN for anyone else).',
  })
  consentRights(@Root() party: PartyRef, @Ctx() ctx: SubgraphContext<Loaders>): Promise<ConsentRightSummary[]> {
    return consentRightSummaries(ctx.db, party.id);
  }
}
