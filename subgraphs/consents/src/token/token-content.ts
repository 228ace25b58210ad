import { urnOfParty, type Db } from '@hub/db';
import { partyRowsByIds } from '@hub/db/parties/read';
import { resourcesByIds } from '@hub/db/roles/read';
import type { ConsentRightRow, ConsentRow } from '../consent/consent.type';
import type { ConsentTokenContent } from './consent-token';

/**
 * What a token for `consent` carrying `rights` says (two statements, through the roles' and parties' read APIs): the
 * parties as URNs, and the audience, the organisations that own those rights' resources (the data sources).
 */
export async function loadTokenContent(
  db: Db,
  consent: ConsentRow,
  clientId: string,
  rights: readonly Pick<ConsentRightRow, 'resourceId' | 'actions' | 'metadata'>[],
): Promise<ConsentTokenContent> {
  const owners = new Map((await resourcesByIds(db, [...new Set(rights.map((r) => r.resourceId))])).map((r) => [r.id, r.ownerId]));
  const ownerIds = [...new Set(rights.map((r) => owners.get(r.resourceId)!))];
  const ids = [consent.fromId, consent.toId, ...(consent.handledById ? [consent.handledById] : []), ...ownerIds];
  const rows = await partyRowsByIds(db, [...new Set(ids)]);
  const urn = new Map(rows.map((p) => [p.id, urnOfParty(p)]));
  return {
    consentId: consent.id,
    from: urn.get(consent.fromId)!,
    to: urn.get(consent.toId)!,
    handledBy: consent.handledById ? urn.get(consent.handledById)! : null,
    consented: consent.answeredAt!,
    validTo: consent.validTo,
    rights: rights.map((r) => ({ resource: r.resourceId, actions: r.actions, metadata: r.metadata })),
    audience: ownerIds.map((id) => urn.get(id)!),
    clientId,
  };
}
