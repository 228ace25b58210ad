import { and, eq, isNull } from 'drizzle-orm';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { issuedTokens } from '@hub/db/consents';
import { conflict, CurrentOrganization, CurrentViewer, forbidden, notFound, type OrganizationViewer, type SubgraphContext, type Viewer } from '@hub/kit';
import type { Loaders } from '../loaders';
import { effectiveStatus, stateConflict } from './consent.status';
import { consentWrite, lockConsent, recordEvent, updateConsent } from './consent.store';
import { ConsentRequest, ConsentStatus, type ConsentRow } from './consent.type';
import { loadVisibleConsent } from './consent.visibility';
import { whoMayAnswer } from './who-may-answer';

type Context = SubgraphContext<Loaders>;

@Resolver(() => ConsentRequest)
export class ConsentLifecycleResolver {
  @Mutation(() => ConsentRequest, {
    description:
      'The party asked, or whoever may answer for it, withdraws an accepted consent. No token is issued for it from then on, and ' +
      'the unexpired ones are marked revoked. A consent of one-time rights only cannot be revoked.',
  })
  async revokeConsent(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<ConsentRow> {
    const consent = await loadVisibleConsent(id, ctx);
    if (!consent) throw notFound(`Consent ${id}`);
    const viewerId = viewer.partyId;
    const rights = await ctx.loaders.consents.rightsByConsentId.load(consent.id);
    const may = await whoMayAnswer(consent, rights, ctx);
    if (!may.ok) throw forbidden(may.reason);
    // One-time is per right: a consent with rights that hold until validTo can be withdrawn; one of one-time rights only cannot.
    if (rights.every((r) => r.oneTime)) throw conflict('Cannot revoke: one-time consents cannot be revoked; they end at their first use or at validTo.');
    const now = new Date();
    return consentWrite(ctx.db, async (tx) => {
      const row = (await lockConsent(tx, consent.id))!;
      const current = effectiveStatus(row, now);
      if (current !== ConsentStatus.ACCEPTED) throw stateConflict('revoke', current);
      await tx
        .update(issuedTokens)
        .set({ revokedAt: now })
        .where(and(eq(issuedTokens.consentId, row.id), isNull(issuedTokens.revokedAt)));
      await recordEvent(tx, { consentId: row.id, type: 'REVOKED', performedById: viewerId, at: now });
      return updateConsent(tx, row.id, { status: 'REVOKED' });
    });
  }

  @Mutation(() => ConsentRequest, { description: 'The requester withdraws a request nobody has answered yet.' })
  async deleteConsentRequest(
    @Arg('id', () => ID) id: string,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<ConsentRow> {
    const consent = await loadVisibleConsent(id, ctx);
    if (!consent) throw notFound(`Consent request ${id}`);
    const viewerId = viewer.partyId;
    if (viewerId !== consent.toId) throw forbidden('Only the requester may delete a consent request.');
    const now = new Date();
    return consentWrite(ctx.db, async (tx) => {
      const row = (await lockConsent(tx, consent.id))!;
      const current = effectiveStatus(row, now);
      if (current !== ConsentStatus.CREATED) throw stateConflict('delete', current);
      await recordEvent(tx, { consentId: row.id, type: 'DELETED', performedById: viewerId, at: now });
      return updateConsent(tx, row.id, { status: 'DELETED' });
    });
  }
}
