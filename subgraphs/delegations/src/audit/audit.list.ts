import { eq } from 'drizzle-orm';
import { auditLog } from '@hub/db/delegations';
import { selectPage, type ListOrder, type Page, type PageArgs, type SubgraphContext } from '@hub/kit';
import type { AuditRow } from './audit.loader';

/** Oldest first, in the order the changes were written. */
const ORDER: ListOrder = { name: 'auditLog', direction: 'asc', keys: [{ column: auditLog.id, kind: 'int' }] };

/** Every change to delegations from and access requests to a party, a page at a time. */
export function auditLogPage(partyId: string, args: Partial<PageArgs>, ctx: SubgraphContext): Promise<Page<AuditRow>> {
  return selectPage(ctx.db, auditLog, ORDER, args, eq(auditLog.partyId, partyId));
}
