import DataLoader from 'dataloader';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { accessPackages, packageResources } from '@hub/db/roles';
import { manyEach, oneEach } from '@hub/kit';

export type AccessPackageRow = typeof accessPackages.$inferSelect;

/** Per-request access package loaders: one SQL statement per batch, results in key order. */
export function createAccessPackageLoaders(db: Db) {
  const byUrn = new DataLoader<string, AccessPackageRow | null>(async (urns) =>
    oneEach(
      urns,
      await db
        .select()
        .from(accessPackages)
        .where(inArray(accessPackages.urn, [...urns])),
      (r) => r.urn,
    ),
  );
  return {
    byUrn,
    /** The packages that bundle each resource, by urn. */
    byResourceId: new DataLoader<string, AccessPackageRow[]>(async (ids) => {
      const rows = await db
        .select({ resourceId: packageResources.resourceId, accessPackage: accessPackages })
        .from(packageResources)
        .innerJoin(accessPackages, eq(accessPackages.urn, packageResources.packageUrn))
        .where(inArray(packageResources.resourceId, [...ids]))
        .orderBy(asc(accessPackages.urn));
      return manyEach(
        ids,
        rows,
        (r) => r.resourceId,
        (r) => r.accessPackage,
      );
    }),
    /** The whole catalogue, by urn. */
    async all(): Promise<AccessPackageRow[]> {
      const rows = await db.select().from(accessPackages).orderBy(asc(accessPackages.urn));
      for (const r of rows) byUrn.prime(r.urn, r);
      return rows;
    },
  };
}
