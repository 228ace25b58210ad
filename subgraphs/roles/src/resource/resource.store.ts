import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { packageResources, policyRules, resources } from '@hub/db/roles';
import type { ResourceRow } from './resource.loader';
import type { ResourceDraft } from './resource.validation';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Writes a new resource and its policy in one transaction. Null when the id is taken (nothing written).
 */
export function insertResource(db: Db, ownerId: string, draft: ResourceDraft): Promise<ResourceRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(resources)
      .values({ id: draft.id, ownerId, ...columns(draft) })
      .onConflictDoNothing({ target: resources.id })
      .returning();
    if (!row) return null;
    await writePolicy(tx, draft, false);
    return row;
  });
}

/**
 * Replaces an owner's resource and its whole policy in one transaction. Null when `ownerId` owns no resource
 * with that id (nothing written).
 */
export function replaceResource(db: Db, ownerId: string, draft: ResourceDraft): Promise<ResourceRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(resources)
      .set({ ...columns(draft), updatedAt: sql`now()` })
      .where(and(eq(resources.id, draft.id), eq(resources.ownerId, ownerId)))
      .returning();
    if (!row) return null;
    await writePolicy(tx, draft, true);
    return row;
  });
}

function columns(draft: ResourceDraft) {
  return {
    type: draft.type,
    title: draft.title,
    actions: draft.actions,
    delegable: draft.delegable,
    minimumAuthenticationLevel: draft.minimumAuthenticationLevel,
    consentTemplate: draft.consentTemplate,
    consentMetadata: draft.consentMetadata,
    oneTimeConsent: draft.oneTimeConsent,
  };
}

/**
 * The policy rows, one per subject and action, and the package links. A package bundles a resource exactly
 * when the resource's policy names it, so `packages` and the PACKAGE rules never disagree.
 */
async function writePolicy(tx: Tx, draft: ResourceDraft, replacing: boolean): Promise<void> {
  if (replacing) {
    await tx.delete(policyRules).where(eq(policyRules.resourceId, draft.id));
    await tx.delete(packageResources).where(eq(packageResources.resourceId, draft.id));
  }
  const rules = draft.policy.flatMap((rule) =>
    rule.actions.map((action) => ({ resourceId: draft.id, subjectKind: rule.subjectKind, subject: rule.subject, action })),
  );
  if (rules.length > 0) await tx.insert(policyRules).values(rules);
  const links = draft.policy.filter((r) => r.subjectKind === 'PACKAGE').map((r) => ({ packageUrn: r.subject, resourceId: draft.id }));
  if (links.length > 0) await tx.insert(packageResources).values(links);
}
