/**
 * The delegations domain's read API for the other domains (the decision point): delegations that count now, as plain
 * rows. One statement per call, for arrays of parties. Pass a transaction handle to read inside it.
 */
import { and, eq, exists, gt, inArray, is, isNull, or, sql, SQL, type Placeholder } from 'drizzle-orm';
import { anyOf, anyOfPlaceholder, prepared } from '../any-of';
import type { Db } from '../client';
import { delegations, supportLookups } from '../schema/delegations';
import { packageRoles, roleAssignments } from '../schema/roles';

export type DelegationRow = typeof delegations.$inferSelect;

/** Delegations received by any of `toIds` and (when both are given) given by any of `fromIds`. */
export interface DelegationParties {
  toIds?: readonly string[];
  fromIds?: readonly string[];
}

/**
 * Delegations between these parties that are neither revoked nor past `validTo` at `now`. Whether a client
 * delegation is still backed by its facilitator's role is the decision point's to judge. The delegations domain itself
 * may narrow by its own columns with a drizzle condition instead.
 */
export async function unrevokedDelegations(db: Db, between: DelegationParties | SQL, now: Date): Promise<DelegationRow[]> {
  const where = betweenCondition(between);
  if (!where) return [];
  return db
    .select()
    .from(delegations)
    .where(and(where, isNull(delegations.revokedAt), or(isNull(delegations.validTo), gt(delegations.validTo, now))));
}

/**
 * Delegations between these parties that count at `now` (`isActiveDelegation`: the facilitator's backing role is
 * judged in the same statement). One statement, where `unrevokedDelegations` and a backing check take two.
 */
export async function activeDelegationRows(db: Db, between: DelegationParties | SQL, now: Date): Promise<DelegationRow[]> {
  const where = betweenCondition(between);
  if (!where) return [];
  if (!is(between, SQL) && between.toIds && between.fromIds) {
    // The decision point's read, on every decision: built once per handle.
    const query = prepared(db, 'activeDelegationsBetween', () =>
      db
        .select()
        .from(delegations)
        .where(
          and(
            anyOfPlaceholder(delegations.toId, 'toIds'),
            anyOfPlaceholder(delegations.fromId, 'fromIds'),
            isActiveDelegation(db, sql.placeholder('now')),
          ),
        )
        .prepare('active_delegations_between'),
    );
    // As drizzle's own mapping of a timestamp column sends it: a string (its postgres.js driver passes Dates through as-is).
    return query.execute({ toIds: [...between.toIds], fromIds: [...between.fromIds], now: now.toISOString() });
  }
  return db
    .select()
    .from(delegations)
    .where(and(where, isActiveDelegation(db, now)));
}

/** The condition for `between`; null when a list is empty (nothing can match). */
function betweenCondition(between: DelegationParties | SQL): SQL | null {
  if (is(between, SQL)) return between;
  const { toIds, fromIds } = between;
  if (!toIds && !fromIds) throw new Error('delegations between parties needs toIds, fromIds or both');
  if (toIds?.length === 0 || fromIds?.length === 0) return null;
  return and(toIds && anyOf(delegations.toId, toIds), fromIds && anyOf(delegations.fromId, fromIds))!;
}

/**
 * The decision point's activeDelegations rule as one SQL condition on `delegations`, for lists that page in SQL: not revoked, not past
 * `validTo`, and a client delegation still backed by its facilitator holding a role that grants the package for `from`.
 */
export function isActiveDelegation(db: Db, now: Date | Placeholder): SQL {
  const backing = db
    .select({ one: sql`1` })
    .from(roleAssignments)
    .innerJoin(packageRoles, eq(packageRoles.roleCode, roleAssignments.roleCode))
    .where(
      and(
        eq(roleAssignments.toId, delegations.facilitatorId),
        eq(roleAssignments.fromId, delegations.fromId),
        eq(packageRoles.packageUrn, delegations.packageUrn),
      ),
    );
  return and(
    isNull(delegations.revokedAt),
    or(isNull(delegations.validTo), gt(delegations.validTo, now)),
    or(isNull(delegations.facilitatorId), exists(backing)),
  )!;
}

export type SupportLookupRow = typeof supportLookups.$inferSelect;

/** Support lookups by id (the consents subgraph checks the one its `SupportLookup` fields are asked under); unknown ids are absent. */
export async function supportLookupsByIds(db: Db, ids: readonly number[]): Promise<SupportLookupRow[]> {
  return ids.length
    ? db
        .select()
        .from(supportLookups)
        .where(inArray(supportLookups.id, [...ids]))
    : [];
}
