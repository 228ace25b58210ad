/**
 * The consents domain's read API for the other domains: where a consent stands and how far its one-time rights are
 * used (for evidence), and what accepted consents cover (for the decision point), as plain rows. One statement per
 * call, for arrays of keys (never one call per id). Pass a transaction handle to read inside it.
 */
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import { anyOf } from '../any-of';
import type { Db } from '../client';
import { consentRequests, consentRights } from '../schema/consents';

/** A consent's stored status (EXPIRED is never stored: a CREATED or ACCEPTED consent past `validTo` has expired). */
export interface ConsentStatusRow {
  id: string;
  status: (typeof consentRequests.$inferSelect)['status'];
  validTo: Date;
}

/** Each known consent's status and expiry; unknown ids are absent. */
export async function statusOf(db: Db, ids: readonly string[]): Promise<ConsentStatusRow[]> {
  if (!ids.length) return [];
  return db
    .select({ id: consentRequests.id, status: consentRequests.status, validTo: consentRequests.validTo })
    .from(consentRequests)
    .where(inArray(consentRequests.id, [...ids]));
}

/** The metadata key with which a consent right names the one instance (a form) it is for: `{"skjema": "<form id>"}`. */
export const INSTANCE_METADATA_KEY = 'skjema';

/** One resource an accepted consent covers, with the consent's parties. */
export interface ConsentedRight {
  consentId: string;
  fromId: string;
  toId: string;
  handledById: string | null;
  resourceId: string;
  /** What the right lets the recipient do: `consent` (the data), or acts such as `sign`. */
  actions: string[];
  metadata: Record<string, string>;
}

/**
 * The rights of consents accepted by any of `fromIds`, unexpired at `now`, whose recipient or the supplier handling
 * it for them is one of `recipientIds`: one row per consent and resource. Either list may be absent (any), not both.
 */
export async function acceptedConsentRights(
  db: Db,
  between: { recipientIds?: readonly string[]; fromIds?: readonly string[] },
  now: Date,
): Promise<ConsentedRight[]> {
  const recipientIds = between.recipientIds && [...between.recipientIds];
  const fromIds = between.fromIds && [...between.fromIds];
  if (!recipientIds && !fromIds) throw new Error('acceptedConsentRights needs recipientIds, fromIds or both');
  if (recipientIds?.length === 0 || fromIds?.length === 0) return [];
  return db
    .select({
      consentId: consentRequests.id,
      fromId: consentRequests.fromId,
      toId: consentRequests.toId,
      handledById: consentRequests.handledById,
      resourceId: consentRights.resourceId,
      actions: consentRights.actions,
      metadata: consentRights.metadata,
    })
    .from(consentRequests)
    .innerJoin(consentRights, eq(consentRights.consentId, consentRequests.id))
    .where(
      and(
        recipientIds ? or(anyOf(consentRequests.toId, recipientIds), anyOf(consentRequests.handledById, recipientIds)) : undefined,
        fromIds ? anyOf(consentRequests.fromId, fromIds) : undefined,
        eq(consentRequests.status, 'ACCEPTED'),
        gt(consentRequests.validTo, now),
      ),
    );
}

/** One right of a consent and how far it is used (a one-time right goes into one token and is delivered once). */
export interface ConsentRightUseRow {
  consentId: string;
  resourceId: string;
  oneTime: boolean;
  tokenJti: string | null;
  usedAt: Date | null;
}

/** The rights of these consents, in order within each consent. */
export async function rightUsesOf(db: Db, consentIds: readonly string[]): Promise<ConsentRightUseRow[]> {
  if (!consentIds.length) return [];
  return db
    .select({
      consentId: consentRights.consentId,
      resourceId: consentRights.resourceId,
      oneTime: consentRights.oneTime,
      tokenJti: consentRights.tokenJti,
      usedAt: consentRights.usedAt,
    })
    .from(consentRights)
    .where(inArray(consentRights.consentId, [...consentIds]))
    .orderBy(asc(consentRights.consentId), asc(consentRights.position));
}
