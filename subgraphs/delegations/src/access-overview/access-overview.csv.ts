import { stringify } from 'csv-stringify/sync';
import { organizationUrn, partyUuidUrn, personUrn, type Db } from '@hub/db';
import { partyRowsByIds } from '@hub/db/parties/read';
import { mayReadIdentityNumber, type Access } from '@hub/authz';
import type { AccessRow } from './access-overview.type';

export const ACCESS_CSV_COLUMNS = ['holder_urn', 'holder_name', 'party_urn', 'source', 'via', 'resource', 'package', 'actions'] as const;

/**
 * The overview's rows as CSV, header first, actions joined by a space. Holder names and URNs belong to the parties
 * subgraph, but federation can only hand this subgraph entity fields, never the string a CSV cell needs, so they are
 * read here in one statement for every party the rows name.
 */
export async function accessOverviewCsv(db: Db, access: Access, rows: readonly AccessRow[]): Promise<string> {
  const ids = [...new Set(rows.flatMap((r) => [r.holder.id, r.party.id]))];
  const found = (await partyRowsByIds(db, ids)).map((p) => ({
    id: p.id,
    name: p.name,
    nin: p.nationalIdentityNumber,
    orgNo: p.organizationNumber,
  }));
  // A person's URN carries the number: persons the viewer may not act for are named by their uuid URN.
  const urnOf = async (p: (typeof found)[number]) =>
    !p.nin ? organizationUrn(p.orgNo!) : (await mayReadIdentityNumber(access, p.id)) ? personUrn(p.nin) : partyUuidUrn(p.id);
  const byId = new Map(await Promise.all(found.map(async (p) => [p.id, { name: p.name, urn: await urnOf(p) }] as const)));
  return stringify(
    rows.map((r) => [
      byId.get(r.holder.id)?.urn ?? '',
      byId.get(r.holder.id)?.name ?? '',
      byId.get(r.party.id)?.urn ?? '',
      r.source,
      r.via,
      r.resource?.id ?? '',
      r.package?.urn ?? '',
      (r.actions ?? []).join(' '),
    ]),
    { header: true, columns: [...ACCESS_CSV_COLUMNS] },
  );
}
