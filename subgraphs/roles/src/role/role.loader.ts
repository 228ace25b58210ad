import DataLoader from 'dataloader';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { packageRoles, roles } from '@hub/db/roles';
import { manyEach, oneEach } from '@hub/kit';

export type RoleRow = typeof roles.$inferSelect;

/** Per-request role loaders: one SQL statement per batch, results in key order. */
export function createRoleLoaders(db: Db) {
  const byCode = new DataLoader<string, RoleRow | null>(async (codes) =>
    oneEach(
      codes,
      await db
        .select()
        .from(roles)
        .where(inArray(roles.code, [...codes])),
      (r) => r.code,
    ),
  );
  return {
    byCode,
    /** The roles that grant each access package, by code. */
    byPackageUrn: new DataLoader<string, RoleRow[]>(async (urns) => {
      const rows = await db
        .select({ packageUrn: packageRoles.packageUrn, role: roles })
        .from(packageRoles)
        .innerJoin(roles, eq(roles.code, packageRoles.roleCode))
        .where(inArray(packageRoles.packageUrn, [...urns]))
        .orderBy(asc(roles.code));
      return manyEach(
        urns,
        rows,
        (r) => r.packageUrn,
        (r) => r.role,
      );
    }),
    /** The whole catalogue, register by register. */
    async all(): Promise<RoleRow[]> {
      const rows = await db.select().from(roles).orderBy(asc(roles.provider), asc(roles.code));
      for (const r of rows) byCode.prime(r.code, r);
      return rows;
    },
  };
}
