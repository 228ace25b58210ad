import { eq } from 'drizzle-orm';
import { urnOfParty, type Db } from '@hub/db';
import { consentRights } from '@hub/db/consents';
import { partyRowsByIds } from '@hub/db/parties/read';
import { resourcesByIds } from '@hub/db/roles/read';
import type { ConsentRow } from '../consent/consent.type';
import type { ConsentTokenContent } from './consent-token';

/**
 * What a token for `consent` says, read with the caller's transaction handle (three statements): the rights at
 * `positions` (those still usable, see claimTokenRights), the parties as URNs, and the audience, the organisations
 * that own those rights' resources (the data sources).
 */
export async function loadTokenContent(
  tx: Db,
  consent: ConsentRow,
  clientId: string,
  positions: ReadonlySet<number>,
): Promise<ConsentTokenContent> {
  const all = await tx
    .select({ position: consentRights.position, resourceId: consentRights.resourceId, action: consentRights.action, metadata: consentRights.metadata })
    .from(consentRights)
    .where(eq(consentRights.consentId, consent.id))
    .orderBy(consentRights.position);
  const rights = all.filter((r) => positions.has(r.position));
  const owners = new Map((await resourcesByIds(tx, [...new Set(rights.map((r) => r.resourceId))])).map((r) => [r.id, r.ownerId]));
  const ownerIds = [...new Set(rights.map((r) => owners.get(r.resourceId)!))];
  const ids = [consent.fromId, consent.toId, ...(consent.handledById ? [consent.handledById] : []), ...ownerIds];
  const rows = await partyRowsByIds(tx, [...new Set(ids)]);
  const urn = new Map(rows.map((p) => [p.id, urnOfParty(p)]));
  return {
    consentId: consent.id,
    from: urn.get(consent.fromId)!,
    to: urn.get(consent.toId)!,
    handledBy: consent.handledById ? urn.get(consent.handledById)! : null,
    consented: consent.answeredAt!,
    validTo: consent.validTo,
    rights: rights.map((r) => ({ resource: r.resourceId, action: r.action, metadata: r.metadata })),
    audience: ownerIds.map((id) => urn.get(id)!),
    clientId,
  };
}
