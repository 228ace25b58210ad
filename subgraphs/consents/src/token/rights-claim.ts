import { asc, eq } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentRights } from '@hub/db/consents';
import { badInput, conflict } from '@hub/kit';
import type { ConsentRightRow } from '../consent/consent.type';

/** The rights a new token carries, and which of them are one-time rights it must claim for itself. */
export interface TokenRights {
  rights: ConsentRightRow[];
  /** Positions of the one-time rights among them: the token holds them only if it claims all of them. */
  claims: number[];
}

/** The consent's rights in order (one statement), read fresh: which one-time rights a token already holds. */
export const rightsOf = (db: Db, consentId: string): Promise<ConsentRightRow[]> =>
  db.select().from(consentRights).where(eq(consentRights.consentId, consentId)).orderBy(asc(consentRights.position));

/**
 * The rights a new token of the consent carries: every right that is not one-time, and each one-time right that no
 * token holds yet (and that is not used). `resources` narrows the token to the rights of those resources (a harvest
 * asks only for what it harvests). The write that issues the token claims the one-time ones by one conditional
 * update (`… where token_jti is null`), so that of any number of concurrent issuances exactly one gets each.
 */
export function tokenRights(all: readonly ConsentRightRow[], resources: string[] | null): TokenRights {
  const unknown = resources?.find((r) => !all.some((x) => x.resourceId === r));
  if (unknown) throw badInput('input.resources', `${unknown} is not a right of this consent`);
  const wanted = resources ? all.filter((r) => resources.includes(r.resourceId)) : [...all];
  const rights = wanted.filter((r) => !r.oneTime || (r.tokenJti === null && r.usedAt === null));
  if (!rights.length) {
    const gone = wanted.map((r) => r.resourceId).join(', ');
    throw conflict(
      `Cannot issue a consent token: the one-time right to ${gone} was already given out in a token, once, and is not given again; ask for a new consent.`,
    );
  }
  return { rights, claims: rights.filter((r) => r.oneTime).map((r) => r.position) };
}
