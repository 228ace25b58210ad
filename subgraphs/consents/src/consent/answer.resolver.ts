import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { badInput, CurrentViewer, forbidden, notFound, type SubgraphContext, type Viewer } from '@hub/kit';
import type { Loaders } from '../loaders';
import { consentSettings } from '../token/settings';
import { answerRedirect, ConsentAnswer } from './answer.type';
import { requireStatus } from './consent.status';
import { acceptConsent, rejectConsent } from './consent.transitions';
import { ConsentStatus, type ConsentRightRow, type ConsentRow } from './consent.type';
import { loadVisibleConsent } from './consent.visibility';
import { buildReceipt } from './receipt';
import { jointAnswerers } from './joint-acceptance';
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

/**
 * For a joint request answered by a representative: everyone who must accept, the viewer among them (FORBIDDEN
 * otherwise: a path other than a register role does not count as one of the joint answerers). `from` itself answers
 * alone; so does anyone answering a request that is not joint (undefined).
 */
async function jointAnswer(
  consent: ConsentRow,
  rights: ConsentRightRow[],
  viewer: Viewer,
  ctx: Context,
): Promise<{ requiredIds: string[] } | undefined> {
  if (!consent.jointly || viewer.partyId === consent.fromId) return undefined;
  const requiredIds = await jointAnswerers(consent, rights, ctx);
  if (!requiredIds.includes(viewer.partyId)) {
    throw forbidden('This request must be accepted jointly by everyone the register names as representing the party; you are not one of them.');
  }
  return { requiredIds };
}

function checkState(state: string | null | undefined): void {
  if (state != null && state.length > MAX_STATE) throw badInput('state', `at most ${MAX_STATE} characters`);
}

@Resolver()
export class AnswerConsentRequestResolver {
  @Mutation(() => ConsentAnswer, {
    description:
      'The party asked, or whoever may consent for it on every requested right, accepts. Again on an accepted request: the same ' +
      'answer with a fresh code, so the consent page can redirect again. Expired or otherwise finished: CONFLICT. A joint request ' +
      'stays CREATED until everyone who must accept has (status CREATED, the redirect says status=PENDING and carries no code).',
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
    // The receipt reads names and the template: built before the transaction, from what the person saw.
    const before = requireStatus('accept', consent, now);
    const receipt = before === ConsentStatus.CREATED ? await buildReceipt(consent, rights, now, ctx) : null;
    const { codeTtlSeconds } = consentSettings(ctx.settings);
    const joint = before === ConsentStatus.CREATED ? await jointAnswer(consent, rights, viewer, ctx) : undefined;
    const { row, code } = await acceptConsent(ctx.db, { id: consent.id, receipt, answeredById: viewer.partyId, codeTtlSeconds, now, joint });
    if (code === null) {
      return { status: ConsentStatus.CREATED, redirectUrl: answerRedirect(row.redirectUrl, { status: 'PENDING', state }), consent: row };
    }
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
    const row = await rejectConsent(ctx.db, consent.id, viewer.partyId, new Date());
    return { status: ConsentStatus.REJECTED, redirectUrl: answerRedirect(row.redirectUrl, { status: 'REJECTED', state }), consent: row };
  }
}
