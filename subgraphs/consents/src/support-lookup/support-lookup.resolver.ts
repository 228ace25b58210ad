import { asc, desc, eq, inArray } from 'drizzle-orm';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SupportLookupRow } from '@hub/db/delegations/read';
import { consentRequests, consentRights } from '@hub/db/consents';
import type { SubgraphContext } from '@hub/kit';
import { effectiveStatus } from '../consent/consent.status';
import { partyRef } from '../party/party.type';
import { SupportConsent, SupportLookup } from './support-lookup.type';

/** The most consent requests a lookup shows, newest first. */
export const SUPPORT_CONSENTS_LIMIT = 500;

@Resolver(() => SupportLookup)
export class SupportLookupConsentsResolver {
  @FieldResolver(() => [SupportConsent], {
    description: `Consent requests to the party, in any status, newest first (at most ${SUPPORT_CONSENTS_LIMIT}).`,
  })
  async consents(@Root() lookup: SupportLookupRow, @Ctx() ctx: SubgraphContext): Promise<SupportConsent[]> {
    const rows = await ctx.db
      .select()
      .from(consentRequests)
      .where(eq(consentRequests.fromId, lookup.partyId))
      .orderBy(desc(consentRequests.createdAt), desc(consentRequests.id))
      .limit(SUPPORT_CONSENTS_LIMIT);
    const rights = rows.length
      ? await ctx.db
          .select({ consentId: consentRights.consentId, resourceId: consentRights.resourceId })
          .from(consentRights)
          .where(
            inArray(
              consentRights.consentId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(consentRights.consentId), asc(consentRights.position))
      : [];
    const now = new Date();
    return rows.map((r) => ({
      id: r.id,
      status: effectiveStatus(r, now),
      to: partyRef(r.toId),
      handledBy: r.handledById ? partyRef(r.handledById) : null,
      resources: rights.filter((x) => x.consentId === r.id).map((x) => x.resourceId),
      createdAt: r.createdAt,
      answeredAt: r.answeredAt,
      validTo: r.validTo,
    }));
  }
}
