import { and, eq, exists, inArray, isNotNull, ne, notExists, or, sql, type SQL } from 'drizzle-orm';
import { consentRequests, consentRights } from '@hub/db/consents';
import type { SubgraphContext } from '@hub/kit';
import { isUuid } from '../ids';
import type { Loaders } from '../loaders';
import type { ConsentRow } from './consent.type';
import { accessOf } from '@hub/authz';

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
  const covered = await Promise.all(rights.map((r) => accessOf(ctx).actsOn({ partyId: c.fromId, resourceId: r.resourceId, action: r.action })));
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

/**
 * maySeeConsent as an SQL condition on `consent_requests`, for the lists about one party (`fromId`) that page in
 * SQL: undefined when the viewer sees every row (the party itself). A relationship's coverage depends only on the
 * right (resource, action), so the decision point is asked once per distinct right of the party's requests, and
 * a request is shown when every one of its rights is covered; the other paths (recipient, supplier, data source
 * of an accepted request) are plain columns.
 */
export async function visibleConsentsWhere(fromId: string, ctx: Context): Promise<SQL | undefined> {
  const viewer = ctx.viewer;
  if (!viewer) return sql`false`;
  if (viewer.partyId === fromId) return undefined;
  const pairs = await ctx.db
    .selectDistinct({ resourceId: consentRights.resourceId, action: consentRights.action })
    .from(consentRights)
    .innerJoin(consentRequests, eq(consentRequests.id, consentRights.consentId))
    .where(eq(consentRequests.fromId, fromId));
  const [covered, resources] = await Promise.all([
    Promise.all(pairs.map((p) => accessOf(ctx).actsOn({ partyId: fromId, ...p }))),
    ctx.loaders.resources.byId.loadMany([...new Set(pairs.map((p) => p.resourceId))]),
  ]);
  const uncovered = pairs.filter((_, i) => !covered[i]);
  const owned = resources.flatMap((r) => (r && !(r instanceof Error) && r.ownerId === viewer.partyId ? [r.id] : []));
  const rightsOf = (extra?: SQL) =>
    ctx.db
      .select({ one: sql`1` })
      .from(consentRights)
      .where(and(eq(consentRights.consentId, consentRequests.id), extra));
  const paths: (SQL | undefined)[] = [
    eq(consentRequests.toId, viewer.partyId),
    eq(consentRequests.handledById, viewer.partyId),
    and(
      exists(rightsOf()),
      uncovered.length
        ? notExists(rightsOf(or(...uncovered.map((p) => and(eq(consentRights.resourceId, p.resourceId), eq(consentRights.action, p.action))))))
        : undefined,
    ),
  ];
  if (viewer.kind === 'organization' && owned.length) {
    paths.push(
      and(isNotNull(consentRequests.answeredAt), ne(consentRequests.status, 'REJECTED'), exists(rightsOf(inArray(consentRights.resourceId, owned)))),
    );
  }
  return or(...paths);
}
