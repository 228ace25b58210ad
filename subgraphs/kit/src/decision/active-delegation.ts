import { and, eq, exists, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import { delegations, packageRoles, roleAssignments, type Db } from '@hub/db';

/**
 * activeDelegations' rule as one SQL condition on `delegations`, for lists that page in SQL: not revoked, not past
 * `validTo`, and a client delegation still backed by its facilitator holding a role that grants the package for `from`.
 */
export function isActiveDelegation(db: Db, now: Date): SQL {
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
