import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { accessPackages } from '@hub/db/roles';
import { oneEach } from '@hub/kit';

export type AccessPackageRow = typeof accessPackages.$inferSelect;

export function createAccessPackageLoaders(db: Db) {
  return {
    byUrn: new DataLoader<string, AccessPackageRow | null>(async (urns) =>
      oneEach(urns, await db.select().from(accessPackages).where(inArray(accessPackages.urn, [...urns])), (r) => r.urn),
    ),
  };
}
