import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentRights } from '@hub/db/consents';
import { badInput, conflict } from '@hub/kit';

/**
 * The rights a new token `jti` of the consent carries: every right that is not one-time, and each one-time right
 * that no token holds yet, claimed for this one by one conditional update (`… where token_jti is null returning`),
 * so that of any number of concurrent issuances exactly one gets it, on Postgres as on the embedded database.
 * `resources` narrows the token to the rights of those resources (a harvest asks only for what it harvests).
 * Run inside the issuing transaction: a refusal after the claim rolls it back.
 */
export async function claimTokenRights(tx: Db, consentId: string, jti: string, resources: string[] | null): Promise<Set<number>> {
  const rights = await tx.select().from(consentRights).where(eq(consentRights.consentId, consentId)).orderBy(asc(consentRights.position));
  const unknown = resources?.find((r) => !rights.some((x) => x.resourceId === r));
  if (unknown) throw badInput('input.resources', `${unknown} is not a right of this consent`);
  const wanted = resources ? rights.filter((r) => resources.includes(r.resourceId)) : rights;
  const claimed = await tx
    .update(consentRights)
    .set({ tokenJti: jti })
    .where(
      and(
        eq(consentRights.consentId, consentId),
        eq(consentRights.oneTime, true),
        isNull(consentRights.tokenJti),
        isNull(consentRights.usedAt),
        inArray(consentRights.position, wanted.map((r) => r.position)),
      ),
    )
    .returning({ position: consentRights.position });
  const positions = new Set([...wanted.filter((r) => !r.oneTime).map((r) => r.position), ...claimed.map((r) => r.position)]);
  if (!positions.size) {
    const gone = wanted.map((r) => r.resourceId).join(', ');
    throw conflict(`Cannot issue a consent token: the one-time right to ${gone} was already given out in a token, once, and is not given again; ask for a new consent.`);
  }
  return positions;
}
