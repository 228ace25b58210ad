import type { Db } from '@hub/db';
import { acceptedConsentRights } from '@hub/db/consents/read';
import { parentsOf } from '@hub/db/parties/read';
import { rolesHeldWithUrns } from '@hub/db/roles/read';
import { authorizedParties } from './authorized-parties';
import { decide } from './decide';
import { activeDelegations } from './facts';
import type { Decision } from './types';

/** A PERMIT the search found: who (or for whom, on what) and the decision with its paths. */
export interface SearchHit {
  subjectId: string;
  partyId: string;
  resourceId: string;
  decision: Decision;
}

/**
 * Who may perform `action` on `resourceId` for `partyId`: everyone with some path to the party (a role or delegation
 * for it or its main unit, a consent it gave) is a candidate, and the decision point itself says yes or no, so the
 * answer is the one `decide` gives each of them. A fixed number of statements.
 */
export async function authorizedSubjects(
  db: Db,
  ask: { partyId: string; resourceId: string; action: string },
  now = new Date(),
): Promise<SearchHit[]> {
  const parent = (await parentsOf(db, [ask.partyId]))[0]?.parentId;
  const fromIds = parent ? [ask.partyId, parent] : [ask.partyId];
  const [held, delegated, consented] = await Promise.all([
    rolesHeldWithUrns(db, { fromIds }),
    activeDelegations(db, { fromIds }, now),
    ask.action === 'consent' ? acceptedConsentRights(db, { fromIds: [ask.partyId] }, now) : Promise.resolve([]),
  ]);
  const candidates = [
    ...new Set([
      ...held.map((h) => h.toId),
      ...delegated.map((d) => d.toId),
      ...consented.flatMap((c) => (c.handledById ? [c.toId, c.handledById] : [c.toId])),
    ]),
  ].filter((id) => id !== ask.partyId);
  return permitted(
    db,
    candidates.map((subjectId) => ({ subjectId, partyId: ask.partyId, resourceId: ask.resourceId, action: ask.action })),
    now,
  );
}

/**
 * Which of `resourceIds` `subjectId` may perform `action` on, and for which parties: the parties it may act for
 * (its authorized parties), those that consented to it (for the action `consent`) and itself, each asked of the
 * decision point. A fixed number of statements.
 */
export async function authorizedResources(
  db: Db,
  ask: { subjectId: string; resourceIds: readonly string[]; action: string },
  now = new Date(),
): Promise<SearchHit[]> {
  const [actsFor, consented] = await Promise.all([
    authorizedParties(db, ask.subjectId, now),
    ask.action === 'consent' ? acceptedConsentRights(db, { recipientIds: [ask.subjectId] }, now) : Promise.resolve([]),
  ]);
  const parties = [...new Set([ask.subjectId, ...actsFor.map((p) => p.partyId), ...consented.map((c) => c.fromId)])];
  const requests = parties.flatMap((partyId) =>
    ask.resourceIds.map((resourceId) => ({ subjectId: ask.subjectId, partyId, resourceId, action: ask.action })),
  );
  return permitted(db, requests, now);
}

async function permitted(
  db: Db,
  requests: { subjectId: string; partyId: string; resourceId: string; action: string }[],
  now: Date,
): Promise<SearchHit[]> {
  const decisions = await decide(db, requests, now);
  return requests.flatMap((r, i) => (decisions[i]!.decision === 'PERMIT' ? [{ ...r, decision: decisions[i]! }] : []));
}
