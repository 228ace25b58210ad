import { organizationUrn, partyUuid, personUrn } from '@hub/db';

/** Who is asking, as the router verified it. Null: nobody logged in. */
export type Viewer = PersonViewer | OrganizationViewer;

interface ViewerBase {
  /** The party id (`urn:altinn:party:uuid:`) of the person or organisation. */
  partyId: string;
  partyUrn: string;
  scopes: readonly string[];
  clientId: string | null;
}

export interface PersonViewer extends ViewerBase {
  kind: 'person';
  nationalIdentityNumber: string;
  /** 3 (substantial) or 4 (high), from the token's `acr`. */
  authenticationLevel: number;
}

export interface OrganizationViewer extends ViewerBase {
  kind: 'organization';
  organizationNumber: string;
}

const ACR_LEVELS: Record<string, number> = {
  'idporten-loa-substantial': 3,
  'idporten-loa-high': 4,
  Level3: 3,
  Level4: 4,
};

/**
 * The viewer from a verified token's claims. Person tokens carry `pid` (ID-porten); organisation tokens
 * carry `consumer.ID` = `0192:<orgnr>` (Maskinporten). Anything else is no viewer.
 */
export function viewerFromClaims(claims: unknown): Viewer | null {
  if (!claims || typeof claims !== 'object') return null;
  const c = claims as Record<string, unknown>;
  const scopes = typeof c.scope === 'string' ? c.scope.split(' ').filter(Boolean) : [];
  const clientId = typeof c.client_id === 'string' ? c.client_id : null;
  if (typeof c.pid === 'string' && /^\d{11}$/.test(c.pid)) {
    return {
      kind: 'person',
      nationalIdentityNumber: c.pid,
      partyId: partyUuid(c.pid),
      partyUrn: personUrn(c.pid),
      authenticationLevel: ACR_LEVELS[String(c.acr)] ?? 3,
      scopes,
      clientId,
    };
  }
  const consumer = c.consumer as { ID?: unknown } | undefined;
  const orgNo = typeof consumer?.ID === 'string' ? consumer.ID.split(':')[1] : undefined;
  if (orgNo && /^\d{9}$/.test(orgNo)) {
    return {
      kind: 'organization',
      organizationNumber: orgNo,
      partyId: partyUuid(orgNo),
      partyUrn: organizationUrn(orgNo),
      scopes,
      clientId,
    };
  }
  return null;
}

export const hasScope = (viewer: Viewer | null, scope: string) => !!viewer && viewer.scopes.includes(scope);
