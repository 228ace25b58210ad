import type { Db } from '@hub/db';
import type { Catalogue } from './catalogue';
import { evaluate } from './evaluate';
import { loadFacts } from './facts';
import type { Decision, DecisionRequest } from './types';

/** What the caller may already know about a batch's parties. */
export interface DecideOptions {
  /** Each asked party's main unit (null for none): when given, the parties are not read again. */
  parentOf?: ReadonlyMap<string, string | null>;
}

/** A batch's decisions, in order, and the catalogue they were made against. */
export interface DecisionBatch {
  decisions: Decision[];
  catalogue: Catalogue;
}

/** Answers each request in order; the whole batch costs at most four SQL statements whatever its size. */
export async function decide(db: Db, requests: readonly DecisionRequest[], now = new Date()): Promise<Decision[]> {
  return requests.length === 0 ? [] : (await decideBatch(db, requests, now)).decisions;
}

/** `decide`, also giving the catalogue it used (a caller checking the asked resources sees the same one). */
export async function decideBatch(
  db: Db,
  requests: readonly DecisionRequest[],
  now = new Date(),
  options: DecideOptions = {},
): Promise<DecisionBatch> {
  const facts = await loadFacts(
    db,
    {
      subjectIds: requests.map((r) => r.subjectId),
      partyIds: requests.map((r) => r.partyId),
      parentOf: options.parentOf,
      consents: requests.some((r) => r.action === 'consent'),
      acts: requests,
    },
    now,
  );
  return { decisions: requests.map((r) => evaluate(r, facts)), catalogue: facts.catalogue };
}
