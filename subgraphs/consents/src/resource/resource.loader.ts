import DataLoader from 'dataloader';
import type { Db } from '@hub/db';
import { consentTemplatesByIds, resourcesByIds, type ConsentTemplateRow, type ResourceRow } from '@hub/db/roles/read';
import { oneEach } from '@hub/kit';

export type { ConsentTemplateRow, ResourceRow };

/**
 * Per-request reads of the resource registry (owned by the roles subgraph): validation needs each resource's type,
 * metadata keys and template, and tokens need its owner, as values rather than federated references.
 */
export function createResourceLoaders(db: Db) {
  return {
    byId: new DataLoader<string, ResourceRow | null>(async (ids) => oneEach(ids, await resourcesByIds(db, ids), (r) => r.id)),
    templateById: new DataLoader<string, ConsentTemplateRow | null>(async (ids) => oneEach(ids, await consentTemplatesByIds(db, ids), (r) => r.id)),
  };
}

export type ResourceLoaders = ReturnType<typeof createResourceLoaders>;
