import { eq } from 'drizzle-orm';
import { evidenceRetrievals } from '@hub/db/evidence';
import { selectPage, type ListOrder, type Page, type PageArgs, type SubgraphContext } from '@hub/kit';
import type { RetrievalRow } from './retrieval.type';

/** Newest first, in the order the retrievals were written. */
const ORDER: ListOrder = { name: 'evidenceRetrievals', direction: 'desc', keys: [{ column: evidenceRetrievals.id, kind: 'int' }] };

/** Who has retrieved what about a party, a page at a time. The list's guard sees every row about the party. */
export function retrievalsPage(subjectId: string, args: Partial<PageArgs>, ctx: SubgraphContext): Promise<Page<RetrievalRow>> {
  return selectPage(ctx.db, evidenceRetrievals, ORDER, args, eq(evidenceRetrievals.subjectId, subjectId));
}
