import DataLoader from 'dataloader';
import type { Db } from '@hub/db';
import { accessPackagesByUrns, type AccessPackageRow } from '@hub/db/roles/read';
import { oneEach } from '@hub/kit';

export type { AccessPackageRow };

export function createAccessPackageLoaders(db: Db) {
  return {
    byUrn: new DataLoader<string, AccessPackageRow | null>(async (urns) => oneEach(urns, await accessPackagesByUrns(db, urns), (r) => r.urn)),
  };
}
