import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { roleAssignments } from '@hub/db/roles';
import { manyEach } from '@hub/kit';

export type RoleAssignmentRow = typeof roleAssignments.$inferSelect;

/** Per-request role assignment loaders: one SQL statement per batch of parties, results in key order. */
export function createRoleAssignmentLoaders(db: Db) {
  return {
    /** Who holds roles for each party (`from` = the party), by role code. */
    byFromId: new DataLoader<string, RoleAssignmentRow[]>(async (ids) =>
      manyEach(
        ids,
        await db
          .select()
          .from(roleAssignments)
          .where(inArray(roleAssignments.fromId, [...ids]))
          .orderBy(asc(roleAssignments.roleCode), asc(roleAssignments.toId)),
        (r) => r.fromId,
      ),
    ),
    /** The roles each party holds for others (`to` = the party), by role code. */
    byToId: new DataLoader<string, RoleAssignmentRow[]>(async (ids) =>
      manyEach(
        ids,
        await db
          .select()
          .from(roleAssignments)
          .where(inArray(roleAssignments.toId, [...ids]))
          .orderBy(asc(roleAssignments.roleCode), asc(roleAssignments.fromId)),
        (r) => r.toId,
      ),
    ),
  };
}
