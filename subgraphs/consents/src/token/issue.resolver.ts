import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { issuedTokens } from '@hub/db/consents';
import { CurrentOrganization, forbidden, hubError, notFound, type OrganizationViewer, type SubgraphContext } from '@hub/kit';
import { effectiveStatus, stateConflict } from '../consent/consent.status';
import { consentWrite, lockConsent, recordEvent } from '../consent/consent.store';
import { ConsentStatus, type ConsentRow } from '../consent/consent.type';
import { loadVisibleConsent } from '../consent/consent.visibility';
import type { Loaders } from '../loaders';
import { redeemAuthorizationCode, type Redemption } from './authorization-code';
import { signConsentToken } from './consent-token';
import { ConsentToken, IssueConsentTokenInput, shapeTokenRequest } from './issue.input';
import { consentSettings } from './settings';
import { activeSigningKey } from './signing-keys';
import { claimTokenRights } from './rights-claim';
import { loadTokenContent } from './token-content';

type Context = SubgraphContext<Loaders>;

const isRecipient = (c: ConsentRow, partyId: string) => partyId === c.toId || partyId === c.handledById;

@Resolver()
export class IssueConsentTokenResolver {
  @Mutation(() => ConsentToken, {
    description:
      'The recipient (`to`, or `handledBy`) gets a consent token for an accepted, unexpired consent: by the one-time code from the ' +
      'redirect (only `to`, with redirectUrl and the PKCE verifier) or by consentId. A replayed code is refused and revokes the ' +
      'tokens it gave. The token carries only the rights still usable: a one-time right goes into one token, once (a CONFLICT ' +
      'when nothing asked for is left).',
  })
  async issueConsentToken(
    @Arg('input', () => IssueConsentTokenInput) input: IssueConsentTokenInput,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<ConsentToken> {
    const request = shapeTokenRequest(input);
    const settings = consentSettings(ctx.settings);
    const now = new Date();
    if (request.kind === 'consent') {
      const consent = await loadVisibleConsent(request.consentId, ctx);
      if (!consent) throw notFound(`Consent ${request.consentId}`);
      if (!isRecipient(consent, viewer.partyId)) throw forbidden('Only the consent’s recipient (to or handledBy) may get its tokens.');
    }
    // Outside the transaction: on first use it creates the first key in a transaction of its own.
    const key = await activeSigningKey(ctx.db, settings.keyEncryptionKey, now);

    const outcome = await consentWrite(ctx.db, async (tx): Promise<{ refused: Extract<Redemption, { ok: false }> } | { issued: ConsentToken }> => {
      let consentId: string;
      let codeHash: string | null = null;
      if (request.kind === 'code') {
        const redemption = await redeemAuthorizationCode(tx, { ...request, recipientId: viewer.partyId, now });
        // Returned, not thrown: a replay has just revoked the tokens the code gave, and that must be committed.
        if (!redemption.ok) return { refused: redemption };
        ({ consentId, codeHash } = redemption);
      } else {
        consentId = request.consentId;
      }
      const consent = (await lockConsent(tx, consentId))!;
      const status = effectiveStatus(consent, now);
      if (status !== ConsentStatus.ACCEPTED) throw stateConflict('issue a consent token', status);
      if (!isRecipient(consent, viewer.partyId)) throw forbidden('Only the consent’s recipient (to or handledBy) may get its tokens.');

      const clientId = viewer.clientId ?? viewer.partyUrn;
      const jti = randomUUID();
      const positions = await claimTokenRights(tx, consentId, jti, request.resources);
      const content = await loadTokenContent(tx, consent, clientId, positions);
      const signed = await signConsentToken(key, settings.issuer, content, settings.tokenTtlSeconds, now, jti);
      await tx.insert(issuedTokens).values({
        jti: signed.jti,
        consentId,
        codeHash,
        recipientId: viewer.partyId,
        kid: key.kid,
        issuedAt: now,
        expiresAt: signed.expiresAt,
      });
      await recordEvent(tx, { consentId, type: 'TOKEN_ISSUED', performedById: viewer.partyId, at: now });
      return { issued: { accessToken: signed.token, tokenType: 'Bearer', expiresAt: signed.expiresAt } };
    });
    if ('refused' in outcome) {
      const { code, field, message } = outcome.refused;
      throw hubError(code, `input.${field}: ${message}`, { field: `input.${field}` });
    }
    return outcome.issued;
  }
}
