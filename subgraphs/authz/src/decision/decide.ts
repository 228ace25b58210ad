import type { Db } from '@hub/db';
import { evaluate } from './evaluate';
import { loadFacts } from './facts';
import type { Decision, DecisionRequest } from './types';

/** Answers each request in order; the whole batch costs a fixed number of SQL statements. */
export async function decide(db: Db, requests: readonly DecisionRequest[], now = new Date()): Promise<Decision[]> {
  if (requests.length === 0) return [];
  const facts = await loadFacts(
    db,
    {
      subjectIds: requests.map((r) => r.subjectId),
      partyIds: requests.map((r) => r.partyId),
      resourceIds: requests.map((r) => r.resourceId),
    },
    now,
  );
  return requests.map((r) => evaluate(r, facts));
}
