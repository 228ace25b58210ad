import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { consentReceipts } from '@hub/db/consents';
import { badInput, CurrentViewer, forbidden, notFound, type SubgraphContext, type Viewer } from '@hub/kit';
import type { Loaders } from '../loaders';
import { createAuthorizationCode } from '../token/authorization-code';
import { consentSettings } from '../token/settings';
import { answerRedirect, ConsentAnswer } from './answer.type';
import { effectiveStatus, stateConflict } from './consent.status';
import { consentWrite, lockConsent, recordEvent, updateConsent } from './consent.store';
import { ConsentStatus, type ConsentRightRow, type ConsentRow } from './consent.type';
import { loadVisibleConsent } from './consent.visibility';
import { buildReceipt } from './receipt';
import { whoMayAnswer } from './who-may-answer';

type Context = SubgraphContext<Loaders>;

const MAX_STATE = 1000;

/** The request if the viewer may see it (NOT_FOUND otherwise) and answer it (FORBIDDEN otherwise), with its rights. */
export async function loadForAnswer(id: string, ctx: Context): Promise<{ consent: ConsentRow; rights: ConsentRightRow[] }> {
  const consent = await loadVisibleConsent(id, ctx);
  if (!consent) throw notFound(`Consent request ${id}`);
  const rights = await ctx.loaders.consents.rightsByConsentId.load(consent.id);
  const may = await whoMayAnswer(consent, rights, ctx);
  if (!may.ok) throw forbidden(may.reason);
  return { consent, rights };
}

function checkState(state: string | null | undefined): void {
  if (state != null && state.length > MAX_STATE) throw badInput('state', `at most ${MAX_STATE} characters`);
}

@Resolver()
export class AnswerConsentRequestResolver {
  @Mutation(() => ConsentAnswer, {
    description:
      'The party asked, or whoever may consent for it on every requested right, accepts. Again on an accepted request: the same ' +
      'answer with a fresh code, so the consent page can redirect again. Expired or otherwise finished: CONFLICT.',
  })
  async acceptConsentRequest(
    @Arg('id', () => ID) id: string,
    @Arg('state', () => String, { nullable: true, description: 'Returned unchanged in the redirect.' }) state: string | null | undefined,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ): Promise<ConsentAnswer> {
    checkState(state);
    const { consent, rights } = await loadForAnswer(id, ctx);
    const now = new Date();
    const before = effectiveStatus(consent, now);
    if (before !== ConsentStatus.CREATED && before !== ConsentStatus.ACCEPTED) throw stateConflict('accept', before);
    const receipt = before === ConsentStatus.CREATED ? await buildReceipt(consent, rights, now, ctx) : null;
    const settings = consentSettings(ctx.settings);
    const viewerId = viewer.partyId;

    const { row, code } = await consentWrite(ctx.db, async (tx) => {
      let row = (await lockConsent(tx, consent.id))!;
      const current = effectiveStatus(row, now);
      if (current === ConsentStatus.CREATED && receipt) {
        row = await updateConsent(tx, row.id, { status: 'ACCEPTED', answeredAt: now, answeredById: viewerId });
        await recordEvent(tx, { consentId: row.id, type: 'ACCEPTED', performedById: viewerId, at: now });
        await tx.insert(consentReceipts).values({ consentId: row.id, acceptedAt: now, ...receipt });
      } else if (current !== ConsentStatus.ACCEPTED) {
        // Changed since it was read (or accepted by someone else between the read and the lock, which is fine).
        throw stateConflict('accept', current);
      }
      const code = await createAuthorizationCode(tx, {
        consentId: row.id,
        recipientId: row.toId,
        redirectUrl: row.redirectUrl,
        codeChallenge: row.codeChallenge,
        ttlSeconds: settings.codeTtlSeconds,
        now,
      });
      return { row, code };
    });
    return { status: ConsentStatus.ACCEPTED, redirectUrl: answerRedirect(row.redirectUrl, { status: 'ACCEPTED', code, state }), consent: row };
  }

  @Mutation(() => ConsentAnswer, {
    description: 'Whoever may accept may reject instead; no code is given. Again on a rejected request: the same answer.',
  })
  async rejectConsentRequest(
    @Arg('id', () => ID) id: string,
    @Arg('state', () => String, { nullable: true, description: 'Returned unchanged in the redirect.' }) state: string | null | undefined,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ): Promise<ConsentAnswer> {
    checkState(state);
    const { consent } = await loadForAnswer(id, ctx);
    const now = new Date();
    const viewerId = viewer.partyId;
    const row = await consentWrite(ctx.db, async (tx) => {
      const row = (await lockConsent(tx, consent.id))!;
      const current = effectiveStatus(row, now);
      if (current === ConsentStatus.REJECTED) return row;
      if (current !== ConsentStatus.CREATED) throw stateConflict('reject', current);
      await recordEvent(tx, { consentId: row.id, type: 'REJECTED', performedById: viewerId, at: now });
      return updateConsent(tx, row.id, { status: 'REJECTED', answeredAt: now, answeredById: viewerId });
    });
    return { status: ConsentStatus.REJECTED, redirectUrl: answerRedirect(row.redirectUrl, { status: 'REJECTED', state }), consent: row };
  }
}
