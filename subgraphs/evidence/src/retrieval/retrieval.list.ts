import { and, eq } from 'drizzle-orm';
import { evidenceRetrievals } from '@hub/db/evidence';
import { pageQuery, toPage, type ListOrder, type Page, type PageArgs, type SubgraphContext } from '@hub/kit';
import type { RetrievalRow } from './retrieval.type';

/** Newest first, in the order the retrievals were written. */
const ORDER: ListOrder = { name: 'evidenceRetrievals', direction: 'desc', keys: [{ column: evidenceRetrievals.id, kind: 'int' }] };

/** Who has retrieved what about a party, a page at a time. The list's guard sees every row about the party. */
export async function retrievalsPage(subjectId: string, args: Partial<PageArgs>, ctx: SubgraphContext): Promise<Page<RetrievalRow>> {
  const q = pageQuery(ORDER, args);
  const rows = await ctx.db
    .select({ row: evidenceRetrievals, cursor: q.cursor })
    .from(evidenceRetrievals)
    .where(and(eq(evidenceRetrievals.subjectId, subjectId), q.where))
    .orderBy(...q.orderBy)
    .limit(q.limit);
  return toPage(q, rows, (r) => r.row, args.after);
}
