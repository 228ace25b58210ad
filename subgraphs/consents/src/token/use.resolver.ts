import { and, eq } from 'drizzle-orm';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { issuedTokens } from '@hub/db/consents';
import { badInput, conflict, hubError, notFound, type SubgraphContext } from '@hub/kit';
import { effectiveStatus, stateConflict } from '../consent/consent.status';
import { consentWrite, lockConsent, recordEvent, updateConsent } from '../consent/consent.store';
import { ConsentRequest, ConsentStatus, type ConsentRow } from '../consent/consent.type';
import { maySeeConsent, ownsARequestedResource } from '../consent/consent.visibility';
import { isUuid } from '../ids';
import type { Loaders } from '../loaders';

type Context = SubgraphContext<Loaders>;

@Resolver()
export class ReportConsentUseResolver {
  @Mutation(() => ConsentRequest, {
    description:
      'A data source (the owner of a requested resource) reports that it delivered data under the consent, optionally naming the ' +
      'token (jti). A one-time consent becomes USED and gives no further token; reporting on it again is a CONFLICT.',
  })
  async reportConsentUse(
    @Arg('consentId', () => ID) consentId: string,
    @Arg('jti', () => String, { nullable: true, description: 'The jti of the consent token presented.' }) jti: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<ConsentRow> {
    const viewerId = ctx.viewer!.partyId;
    const consent = isUuid(consentId) ? await ctx.loaders.consents.byId.load(consentId.toLowerCase()) : null;
    if (!consent) throw notFound(`Consent ${consentId}`);
    if (!(await ownsARequestedResource(consent, ctx))) {
      if (!(await maySeeConsent(consent, ctx))) throw notFound(`Consent ${consentId}`);
      throw hubError('FORBIDDEN', 'Only a data source of the consent (the owner of a requested resource) may report its use.');
    }
    if (jti != null && !isUuid(jti)) throw badInput('jti', 'is not the jti of a token of this consent');
    const now = new Date();
    return consentWrite(ctx.db, async (tx) => {
      const row = (await lockConsent(tx, consent.id))!;
      const status = effectiveStatus(row, now);
      if (status !== ConsentStatus.ACCEPTED) throw stateConflict('report a use', status);
      if (jti != null) {
        const [token] = await tx
          .select({ revokedAt: issuedTokens.revokedAt })
          .from(issuedTokens)
          .where(and(eq(issuedTokens.jti, jti.toLowerCase()), eq(issuedTokens.consentId, row.id)));
        if (!token) throw badInput('jti', 'is not the jti of a token of this consent');
        if (token.revokedAt) throw conflict(`The token ${jti} was revoked at ${token.revokedAt.toISOString()}; do not deliver data for it.`);
      }
      await recordEvent(tx, { consentId: row.id, type: 'USED', performedById: viewerId, at: now });
      return row.oneTime ? updateConsent(tx, row.id, { status: 'USED' }) : row;
    });
  }
}
