import { asc, eq } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { jointAcceptances } from '@hub/db/consents';
import { rolesHeldWithUrns } from '@hub/db/roles/read';
import { accessOf } from '@hub/authz';
import type { SubgraphContext } from '@hub/kit';
import type { Loaders } from '../loaders';
import type { ConsentRightRow, ConsentRow } from './consent.type';

type Context = SubgraphContext<Loaders>;

/**
 * Who must accept a joint request: every person holding a register role for `from` whose role (itself or through the
 * packages it grants) covers every requested right — the heirs of an estate, for a request about the estate's data.
 * A delegation or a consent makes no one a joint answerer: the parties the register names must agree, all of them.
 * Asked before the write transaction (the decision point reads on its own connection).
 */
export async function jointAnswerers(
  consent: Pick<ConsentRow, 'fromId'>,
  rights: readonly Pick<ConsentRightRow, 'resourceId' | 'action'>[],
  ctx: Context,
): Promise<string[]> {
  const held = await rolesHeldWithUrns(ctx.db, { fromIds: [consent.fromId] });
  const candidates = [...new Set(held.map((h) => h.toId))];
  const rows = await ctx.loaders.parties.byId.loadMany(candidates);
  const persons = candidates.filter((_, i) => {
    const row = rows[i];
    return row && !(row instanceof Error) && row.type === 'PERSON';
  });
  if (!persons.length || !rights.length) return [];
  const decisions = await accessOf(ctx).decide(
    persons.flatMap((subjectId) => rights.map((r) => ({ subjectId, partyId: consent.fromId, resourceId: r.resourceId, action: r.action }))),
  );
  const byRegister = (i: number) => {
    const d = decisions[i];
    return d?.decision === 'PERMIT' && d.reasons.some((r) => r.source === 'ROLE' || r.source === 'ACCESS_PACKAGE');
  };
  return persons.filter((_, p) => rights.every((_, r) => byRegister(p * rights.length + r)));
}

/** Records `partyId`'s acceptance (again: no change) in the accept transaction; returns everyone who has accepted so far. */
export async function recordJointAcceptance(tx: Db, consentId: string, partyId: string, now: Date): Promise<Set<string>> {
  await tx.insert(jointAcceptances).values({ consentId, partyId, acceptedAt: now }).onConflictDoNothing();
  return new Set((await jointAcceptancesOf(tx, consentId)).map((a) => a.partyId));
}

/** A joint request's acceptances so far, oldest first. */
export async function jointAcceptancesOf(db: Db, consentId: string): Promise<{ partyId: string; acceptedAt: Date }[]> {
  return db
    .select({ partyId: jointAcceptances.partyId, acceptedAt: jointAcceptances.acceptedAt })
    .from(jointAcceptances)
    .where(eq(jointAcceptances.consentId, consentId))
    .orderBy(asc(jointAcceptances.acceptedAt), asc(jointAcceptances.partyId));
}
