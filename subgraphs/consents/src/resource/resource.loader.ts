import DataLoader from 'dataloader';
import { inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentTemplates, resources } from '@hub/db/roles';
import { oneEach } from '@hub/kit';

export type ResourceRow = typeof resources.$inferSelect;
export type ConsentTemplateRow = typeof consentTemplates.$inferSelect;

/**
 * Per-request reads of the resource registry (owned by the roles subgraph): validation needs each resource's type,
 * metadata keys and template, and tokens need its owner, as values rather than federated references.
 */
export function createResourceLoaders(db: Db) {
  return {
    byId: new DataLoader<string, ResourceRow | null>(async (ids) =>
      oneEach(ids, await db.select().from(resources).where(inArray(resources.id, [...ids])), (r) => r.id),
    ),
    templateById: new DataLoader<string, ConsentTemplateRow | null>(async (ids) =>
      oneEach(ids, await db.select().from(consentTemplates).where(inArray(consentTemplates.id, [...ids])), (r) => r.id),
    ),
  };
}

export type ResourceLoaders = ReturnType<typeof createResourceLoaders>;
