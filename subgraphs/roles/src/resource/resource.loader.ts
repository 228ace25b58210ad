import DataLoader from 'dataloader';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { packageResources, policyRules, resources } from '@hub/db/roles';
import { manyEach, oneEach } from '@hub/kit';
import type { PolicyRule } from './policy-rule.type';
import type { ResourceType } from './resource.type';

export type ResourceRow = typeof resources.$inferSelect;

/** Per-request resource loaders: one SQL statement per batch, results in key order. */
export function createResourceLoaders(db: Db) {
  const byId = new DataLoader<string, ResourceRow | null>(async (ids) =>
    oneEach(
      ids,
      await db
        .select()
        .from(resources)
        .where(inArray(resources.id, [...ids])),
      (r) => r.id,
    ),
  );
  return {
    byId,
    /** The resources each package bundles, by id. */
    byPackageUrn: new DataLoader<string, ResourceRow[]>(async (urns) => {
      const rows = await db
        .select({ packageUrn: packageResources.packageUrn, resource: resources })
        .from(packageResources)
        .innerJoin(resources, eq(resources.id, packageResources.resourceId))
        .where(inArray(packageResources.packageUrn, [...urns]))
        .orderBy(asc(resources.id));
      return manyEach(
        urns,
        rows,
        (r) => r.packageUrn,
        (r) => r.resource,
      );
    }),
    /** Each resource's policy, one rule per subject (roles first, then packages), actions by name. */
    policyByResourceId: new DataLoader<string, PolicyRule[]>(async (ids) => {
      const rows = await db
        .select()
        .from(policyRules)
        .where(inArray(policyRules.resourceId, [...ids]))
        .orderBy(asc(policyRules.resourceId), asc(policyRules.subjectKind), asc(policyRules.subject), asc(policyRules.action));
      return manyEach(ids, rows, (r) => r.resourceId).map(groupBySubject);
    }),
    /** The catalogue, optionally of one type, by id. */
    async all(type?: ResourceType | null): Promise<ResourceRow[]> {
      const rows = await db
        .select()
        .from(resources)
        .where(type ? eq(resources.type, type) : undefined)
        .orderBy(asc(resources.id));
      for (const r of rows) byId.prime(r.id, r);
      return rows;
    },
  };
}

/** Rows come sorted by subject, so each subject's rows are adjacent. */
function groupBySubject(rows: (typeof policyRules.$inferSelect)[]): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const row of rows) {
    const last = rules.at(-1);
    if (last && last.subjectKind === row.subjectKind && last.subject === row.subject) last.actions.push(row.action);
    else rules.push({ subjectKind: row.subjectKind as PolicyRule['subjectKind'], subject: row.subject, actions: [row.action] });
  }
  return rules;
}
