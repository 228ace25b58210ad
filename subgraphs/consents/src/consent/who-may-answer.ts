import { birthDateOf } from '@hub/db';
import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import { ageOn, MINIMUM_ANSWERING_AGE } from './age';
import type { ConsentRightRow, ConsentRow } from './consent.type';
import { accessOf } from '@hub/authz';

export type AnswerRight = { ok: true } | { ok: false; reason: string };

/**
 * The least authentication level a person answers any consent with (ID-porten substantial): sharing one's
 * data with a bank must not rest on a low-level login. A resource may ask for more.
 */
export const CONSENT_MINIMUM_AUTHENTICATION_LEVEL = 3;

/**
 * Who may accept, reject or revoke a consent, in one place:
 * - `from` itself, or a person for whom the decision point PERMITs the right's action (`consent`) on every
 *   requested resource with `from` as the party (a parent for a child, a guardian within the mandate, the general
 *   manager for the company);
 * - when the requester named a `requiredDelegator`, only that person, who must still qualify as above: the
 *   requester narrows who may answer, it never grants anyone a right over `from`;
 * - never a person under 15, not even about themselves: their parents or guardians answer for them;
 * - never a person the register records as deceased: the heirs answer for the estate.
 * Asked before the write transaction: with the embedded database a read inside it would wait for itself.
 */
export async function whoMayAnswer(
  consent: Pick<ConsentRow, 'fromId' | 'requiredDelegatorId'>,
  rights: readonly Pick<ConsentRightRow, 'resourceId' | 'action'>[],
  ctx: SubgraphContext<Loaders>,
  now = new Date(),
): Promise<AnswerRight> {
  const viewer = ctx.viewer;
  if (!viewer) return { ok: false, reason: 'Log in first.' };
  if (consent.requiredDelegatorId && viewer.partyId !== consent.requiredDelegatorId) {
    return { ok: false, reason: 'The requester named another person who must answer this consent request.' };
  }
  if (viewer.kind === 'person') {
    const row = await ctx.loaders.parties.byId.load(viewer.partyId);
    if (isUnderAge(row?.birthDate ?? null, viewer.nationalIdentityNumber, now)) {
      return { ok: false, reason: `Persons under ${MINIMUM_ANSWERING_AGE} may not answer consent requests; a parent or guardian answers for them.` };
    }
    if (row?.dateOfDeath) return { ok: false, reason: 'The register records this person as deceased; the heirs answer for the estate.' };
  }
  const self = viewer.partyId === consent.fromId;
  if (self && viewer.kind === 'organization') return { ok: true };
  if (viewer.kind !== 'person') return { ok: false, reason: 'Only the party asked, or a person who may act for it, may answer.' };

  // Asked for the party itself too: the resources' minimum authentication levels hold for everyone who answers.
  const decisions = await accessOf(ctx).decide(
    rights.map((r) => ({ subjectId: viewer.partyId, partyId: consent.fromId, resourceId: r.resourceId, action: r.action })),
  );
  const needed = Math.max(CONSENT_MINIMUM_AUTHENTICATION_LEVEL, ...decisions.map((d) => d.obligations.minimumAuthenticationLevel ?? 0));
  if (viewer.authenticationLevel < needed) return { ok: false, reason: `Log in with authentication level ${needed} or higher to answer.` };
  if (self) return { ok: true };
  const refused = rights.filter((_, i) => decisions[i]?.decision !== 'PERMIT').map((r) => r.resourceId);
  if (refused.length) {
    return { ok: false, reason: `You may not consent on behalf of this party to ${[...new Set(refused)].join(', ')}.` };
  }
  return { ok: true };
}

/** From the register's birth date, or the number's when the register has none; unknown counts as of age (D-numbers of adults). */
function isUnderAge(registered: string | null, nationalIdentityNumber: string, now: Date): boolean {
  const birthDate = registered ?? birthDateOf(nationalIdentityNumber);
  return birthDate !== null && ageOn(birthDate, now) < MINIMUM_ANSWERING_AGE;
}
