import type { Db } from '@hub/db';
import { subunitsOf } from '@hub/db/parties/read';
import { rolesHeldWithUrns } from '@hub/db/roles/read';
import { currentCatalogue } from './catalogue';
import { activeDelegations } from './facts';
import type { Reason } from './types';

export interface AuthorizedParty {
  partyId: string;
  /**
   * How: the roles held (ROLE, role urn), delegations received (DELEGATION, id; POWER_OF_ATTORNEY with its area when
   * given for a power-of-attorney package); subunits inherit from their main unit.
   */
  reasons: Reason[];
  /** Set when the access comes through the main unit. */
  viaMainUnitId: string | null;
}

/**
 * Every party `subjectId` may act for, other than itself, with the paths. Four statements at most: roles and
 * delegations, the catalogue's version when a delegation is of a package (which packages are powers of attorney), and
 * the subunits.
 */
export async function authorizedParties(db: Db, subjectId: string, now = new Date()): Promise<AuthorizedParty[]> {
  const [held, received] = await Promise.all([rolesHeldWithUrns(db, { toIds: [subjectId] }), activeDelegations(db, { toIds: [subjectId] }, now)]);

  const byParty = new Map<string, AuthorizedParty>();
  const add = (partyId: string, reason: Reason, viaMainUnitId: string | null = null) => {
    let entry = byParty.get(partyId);
    if (!entry) byParty.set(partyId, (entry = { partyId, reasons: [], viaMainUnitId }));
    if (!entry.reasons.some((r) => r.source === reason.source && r.via === reason.via)) entry.reasons.push(reason);
  };
  for (const h of held) add(h.fromId, { source: 'ROLE', via: h.roleUrn });
  const powerOfAttorney = received.some((d) => d.packageUrn) ? (await currentCatalogue(db)).powerOfAttorneyPackages : new Set<string>();
  for (const d of received) {
    add(
      d.fromId,
      d.packageUrn && powerOfAttorney.has(d.packageUrn)
        ? { source: 'POWER_OF_ATTORNEY', via: d.id, area: d.packageUrn }
        : { source: 'DELEGATION', via: d.id },
    );
  }

  const mains = [...byParty.keys()];
  if (mains.length) {
    const subunits = await subunitsOf(db, mains);
    for (const s of subunits) for (const reason of byParty.get(s.parentId!)!.reasons) add(s.id, reason, s.parentId);
  }
  byParty.delete(subjectId);
  return [...byParty.values()];
}
