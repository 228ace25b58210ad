import { inArray } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { delegations } from '@hub/db/delegations';
import { subunitsOf } from '@hub/db/parties/read';
import { rolesHeldWithUrns } from '@hub/db/roles/read';
import { activeDelegations, currentCatalogue } from '@hub/authz';
import { ReasonSource } from '../authorization/decision.type';
import { partyRef } from '../party/party.type';
import type { AccessOverview, AccessRow } from './access-overview.type';

/**
 * Every path to an organisation and its subunits: each role held (ROLE), each package those roles grant
 * (ACCESS_PACKAGE), each delegation that counts now (DELEGATION, by the kit's own notion of active; POWER_OF_ATTORNEY
 * when it is of a power-of-attorney package, the area in `package`). A subunit also
 * inherits its main unit's holders; those appear once, on the main unit. Four statements at most.
 */
export async function loadAccessOverview(db: Db, partyId: string, now = new Date()): Promise<AccessOverview> {
  const subunits = await subunitsOf(db, [partyId]);
  const ids = [partyId, ...subunits.map((s) => s.id)];
  const [held, { packagesOfRole, powerOfAttorneyPackages }, given] = await Promise.all([
    rolesHeldWithUrns(db, { fromIds: ids }),
    currentCatalogue(db),
    activeDelegations(db, inArray(delegations.fromId, ids), now),
  ]);

  const rows: AccessRow[] = [];
  const seen = new Set<string>();
  const add = (row: AccessRow) => {
    const key = `${row.holder.id}|${row.party.id}|${row.source}|${row.via}`;
    if (seen.has(key)) return;
    seen.add(key);
    rows.push(row);
  };
  const order = new Map(ids.map((id, i) => [id, i]));
  for (const a of [...held].sort((x, y) => order.get(x.fromId)! - order.get(y.fromId)!)) {
    const base = { holder: partyRef(a.toId), party: partyRef(a.fromId), resource: null, actions: null };
    add({ ...base, source: ReasonSource.ROLE, via: a.roleUrn, package: null });
    for (const urn of [...(packagesOfRole.get(a.roleCode) ?? [])].sort()) {
      add({ ...base, source: ReasonSource.ACCESS_PACKAGE, via: urn, package: { urn } });
    }
  }
  for (const d of given) {
    add({
      holder: partyRef(d.toId),
      party: partyRef(d.fromId),
      source: d.packageUrn && powerOfAttorneyPackages.has(d.packageUrn) ? ReasonSource.POWER_OF_ATTORNEY : ReasonSource.DELEGATION,
      via: d.id,
      resource: d.resourceId ? { id: d.resourceId } : null,
      package: d.packageUrn ? { urn: d.packageUrn } : null,
      actions: d.actions,
    });
  }
  return { partyId, rows };
}
