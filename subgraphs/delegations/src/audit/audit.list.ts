import { and, eq } from 'drizzle-orm';
import { auditLog } from '@hub/db/delegations';
import { pageQuery, toPage, type ListOrder, type Page, type PageArgs, type SubgraphContext } from '@hub/kit';
import type { AuditRow } from './audit.loader';

/** Oldest first, in the order the changes were written. */
const ORDER: ListOrder = { name: 'auditLog', direction: 'asc', keys: [{ column: auditLog.id, kind: 'int' }] };

/** Every change to delegations from and access requests to a party, a page at a time. */
export async function auditLogPage(partyId: string, args: Partial<PageArgs>, ctx: SubgraphContext): Promise<Page<AuditRow>> {
  const q = pageQuery(ORDER, args);
  const rows = await ctx.db
    .select({ row: auditLog, cursor: q.cursor })
    .from(auditLog)
    .where(and(eq(auditLog.partyId, partyId), q.where))
    .orderBy(...q.orderBy)
    .limit(q.limit);
  return toPage(q, rows, (r) => r.row, args.after);
}
