import { sql } from 'drizzle-orm';
import { index, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { parties } from './parties';

export const rolesSchema = pgSchema('roles');

export const roleProvider = rolesSchema.enum('role_provider', ['ER', 'FREG', 'ALTINN']);

/** The role catalogue: register roles (ER, FREG) and Altinn's own. */
export const roles = rolesSchema.table('roles', {
  code: text().primaryKey(),
  urn: text().notNull().unique(),
  name: text().notNull(),
  provider: roleProvider().notNull(),
});

/** `to` holds `role` for `from`. */
export const roleAssignments = rolesSchema.table(
  'role_assignments',
  {
    fromId: uuid().notNull().references(() => parties.id),
    toId: uuid().notNull().references(() => parties.id),
    roleCode: text().notNull().references(() => roles.code),
    createdAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.fromId, t.toId, t.roleCode] }), index('role_assignments_to_idx').on(t.toId)],
);
