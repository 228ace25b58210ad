import type { auditLog } from '@hub/db/delegations';

export type AuditRow = typeof auditLog.$inferSelect;
