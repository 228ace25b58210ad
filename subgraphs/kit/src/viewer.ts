import { randomUUID } from 'node:crypto';
import { organizationUrn, personUrn } from '@hub/db';

/** Who is asking, as the router verified it. Null: nobody logged in. */
export type Viewer = PersonViewer | OrganizationViewer;

interface ViewerBase {
  /**
   * The party id (`urn:altinn:party:uuid:`) of the person or organisation, looked up in the register by number.
   * For a viewer the register does not know, a fresh random id that matches no party: such a viewer may do what
   * needs no party of its own (read the catalogue, ask the decision point) and nothing that does.
   */
  partyId: string;
  /** Whether the register knows the viewer (`partyId` is a stored party). */
  registered: boolean;
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

/** Who a verified token names, before the register is asked for its party id. */
export type ViewerClaims = Omit<PersonViewer, 'partyId' | 'registered'> | Omit<OrganizationViewer, 'partyId' | 'registered'>;

/**
 * What a verified token's claims say about the viewer. Person tokens carry `pid` (ID-porten); organisation tokens
 * carry `consumer.ID` = `0192:<orgnr>` (Maskinporten). Anything else is no viewer.
 */
export function claimsOfViewer(claims: unknown): ViewerClaims | null {
  if (!claims || typeof claims !== 'object') return null;
  const c = claims as Record<string, unknown>;
  const scopes = typeof c.scope === 'string' ? c.scope.split(' ').filter(Boolean) : [];
  const clientId = typeof c.client_id === 'string' ? c.client_id : null;
  if (typeof c.pid === 'string' && /^\d{11}$/.test(c.pid)) {
    return {
      kind: 'person',
      nationalIdentityNumber: c.pid,
      partyUrn: personUrn(c.pid),
      authenticationLevel: ACR_LEVELS[String(c.acr)] ?? 3,
      scopes,
      clientId,
    };
  }
  const consumer = c.consumer as { ID?: unknown } | undefined;
  const orgNo = typeof consumer?.ID === 'string' ? consumer.ID.split(':')[1] : undefined;
  if (orgNo && /^\d{9}$/.test(orgNo)) {
    return { kind: 'organization', organizationNumber: orgNo, partyUrn: organizationUrn(orgNo), scopes, clientId };
  }
  return null;
}

/** Finds a party's stored id by register number (11 or 9 digits); null when the register does not know it. */
export type PartyIdLookup = (number: string) => Promise<string | null>;

/**
 * The viewer from a verified token's claims, its party id looked up (ids are random: nothing computes them from the
 * number). A viewer unknown to the register gets an id that matches no party (see `partyId`).
 */
export async function viewerFromClaims(claims: unknown, partyIdOf: PartyIdLookup): Promise<Viewer | null> {
  const who = claimsOfViewer(claims);
  if (!who) return null;
  const stored = await partyIdOf(who.kind === 'person' ? who.nationalIdentityNumber : who.organizationNumber);
  return { ...who, partyId: stored ?? randomUUID(), registered: stored !== null };
}

export const hasScope = (viewer: Viewer | null, scope: string) => !!viewer && viewer.scopes.includes(scope);
