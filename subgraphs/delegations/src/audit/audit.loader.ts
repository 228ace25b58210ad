import type { auditLog } from '@hub/db';

export type AuditRow = typeof auditLog.$inferSelect;
