import type { SubgraphContext } from '@hub/kit';
import { isUuid } from '../ids';
import type { Loaders } from '../loaders';
import type { ConsentRow } from './consent.type';

type Context = SubgraphContext<Loaders>;

/**
 * Who may see a request: the requester (`to`) and the organisation handling it for the requester (`handledBy`),
 * `from` itself, and whoever may act for `from` on every requested right (a guardian within the mandate, a parent,
 * the general manager): a relationship with `from` shows only the requests it covers. Also, once it has been
 * accepted, the data sources (owners of a requested resource): they hold its token anyway and must see the status
 * they change with reportConsentUse. The type's shield rule, the reference resolver and every mutation share this.
 */
export async function maySeeConsent(c: ConsentRow, ctx: Context): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  if (viewer.partyId === c.toId || viewer.partyId === c.handledById || viewer.partyId === c.fromId) return true;
  if (await actsOnEveryRight(c, ctx)) return true;
  const wasAccepted = c.answeredAt !== null && c.status !== 'REJECTED';
  return viewer.kind === 'organization' && wasAccepted && (await ownsARequestedResource(c, ctx));
}

/** Whether a relationship of the viewer with `from` covers every requested right (the decision point, one batch per tick). */
async function actsOnEveryRight(c: ConsentRow, ctx: Context): Promise<boolean> {
  const rights = await ctx.loaders.consents.rightsByConsentId.load(c.id);
  const covered = await Promise.all(rights.map((r) => ctx.access.actsOn({ partyId: c.fromId, resourceId: r.resourceId, action: r.action })));
  return covered.length > 0 && covered.every(Boolean);
}

/** Whether the viewer's organisation owns the resource of one of the request's rights (is one of its data sources). */
export async function ownsARequestedResource(c: ConsentRow, ctx: Context): Promise<boolean> {
  const rights = await ctx.loaders.consents.rightsByConsentId.load(c.id);
  const resources = await ctx.loaders.resources.byId.loadMany(rights.map((r) => r.resourceId));
  return resources.some((r) => r !== null && !(r instanceof Error) && r.ownerId === ctx.viewer?.partyId);
}

/** The request if it exists and the viewer may see it; null otherwise, so that existence does not leak. */
export async function loadVisibleConsent(id: string, ctx: Context): Promise<ConsentRow | null> {
  if (!isUuid(id)) return null;
  const row = await ctx.loaders.consents.byId.load(id.toLowerCase());
  return row && (await maySeeConsent(row, ctx)) ? row : null;
}

/** The rows the viewer may see, in order: a list about a party shows a representative only what their relationship covers. */
export async function visibleConsents(rows: readonly ConsentRow[], ctx: Context): Promise<ConsentRow[]> {
  const visible = await Promise.all(rows.map((r) => maySeeConsent(r, ctx)));
  return rows.filter((_, i) => visible[i]);
}
