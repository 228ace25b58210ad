import { randomUUID } from 'node:crypto';
import { organizationUrn, personUrn } from '@hub/db/urn';

/** Who is asking, as the router verified it. Null: nobody logged in. */
export type Viewer = PersonViewer | OrganizationViewer;

export type IdentityKind = Viewer['kind'];

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
  /** 0 (unknown) to 4 (high), from the token's `acr`. */
  authenticationLevel: number;
}

export interface OrganizationViewer extends ViewerBase {
  kind: 'organization';
  organizationNumber: string;
}

/**
 * The kind of identity the issuer of a token vouches for, added by the router to the claims it forwards
 * (after it has verified the token against that issuer). A token's own value of it is never trusted: the
 * router overwrites it. Without it, claims are no viewer.
 */
export const IDENTITY_KIND_CLAIM = 'urn:altinn:hub:identity-kind';

/** ID-porten's and Altinn's names for authentication levels. Anything else is the lowest level: fail closed. */
const ACR_LEVELS: Record<string, number> = {
  'idporten-loa-low': 2,
  'idporten-loa-substantial': 3,
  'idporten-loa-high': 4,
  Level0: 0,
  Level1: 1,
  Level2: 2,
  Level3: 3,
  Level4: 4,
};

/** The authentication level an `acr` claim stands for; unknown or missing is 0. */
export const authenticationLevelOf = (acr: unknown): number => (typeof acr === 'string' && Object.hasOwn(ACR_LEVELS, acr) ? ACR_LEVELS[acr]! : 0);

const personNumber = (c: Record<string, unknown>) => (typeof c.pid === 'string' && /^\d{11}$/.test(c.pid) ? c.pid : undefined);

function organizationNumber(c: Record<string, unknown>): string | undefined {
  const consumer = c.consumer as { ID?: unknown } | undefined;
  const orgNo = typeof consumer?.ID === 'string' ? consumer.ID.split(':')[1] : undefined;
  return orgNo && /^\d{9}$/.test(orgNo) ? orgNo : undefined;
}

/**
 * Which kind of identity the claims describe: `pid` (ID-porten) is a person, `consumer.ID` = `0192:<orgnr>`
 * (Maskinporten) an organisation. Both, or neither, is no identity at all.
 */
export function claimedIdentityKind(claims: Record<string, unknown>): IdentityKind | null {
  const person = 'pid' in claims;
  const organization = 'consumer' in claims;
  if (person === organization) return null;
  if (person) return personNumber(claims) ? 'person' : null;
  return organizationNumber(claims) ? 'organization' : null;
}

/** Who a verified token names, before the register is asked for its party id. */
export type ViewerClaims = Omit<PersonViewer, 'partyId' | 'registered'> | Omit<OrganizationViewer, 'partyId' | 'registered'>;

/**
 * What verified, forwarded claims say about the viewer. The claims must describe the kind of identity their
 * issuer vouches for (`IDENTITY_KIND_CLAIM`): person claims from an organisation issuer, or the reverse, are no viewer.
 */
export function claimsOfViewer(claims: unknown): ViewerClaims | null {
  if (!claims || typeof claims !== 'object') return null;
  const c = claims as Record<string, unknown>;
  const kind = claimedIdentityKind(c);
  if (!kind || c[IDENTITY_KIND_CLAIM] !== kind) return null;
  const scopes = typeof c.scope === 'string' ? c.scope.split(' ').filter(Boolean) : [];
  const clientId = typeof c.client_id === 'string' ? c.client_id : null;
  if (kind === 'person') {
    const pid = personNumber(c)!;
    return {
      kind: 'person',
      nationalIdentityNumber: pid,
      partyUrn: personUrn(pid),
      authenticationLevel: authenticationLevelOf(c.acr),
      scopes,
      clientId,
    };
  }
  const orgNo = organizationNumber(c)!;
  return { kind: 'organization', organizationNumber: orgNo, partyUrn: organizationUrn(orgNo), scopes, clientId };
}

/** Finds a party's stored id by register number (11 or 9 digits); null when the register does not know it. */
export type PartyIdLookup = (number: string) => Promise<string | null>;

/**
 * The viewer from verified claims, its party id looked up (ids are random: nothing computes them from the
 * number). A viewer unknown to the register gets an id that matches no party (see `partyId`).
 */
export async function viewerFromClaims(claims: unknown, partyIdOf: PartyIdLookup): Promise<Viewer | null> {
  const who = claimsOfViewer(claims);
  if (!who) return null;
  const stored = await partyIdOf(who.kind === 'person' ? who.nationalIdentityNumber : who.organizationNumber);
  return { ...who, partyId: stored ?? randomUUID(), registered: stored !== null };
}

/** Viewer claims of an organisation (Maskinporten-like), as the hub vouches for it in service-to-service calls. */
export const organizationClaims = (organizationNumber: string, scope: string, clientId?: string | null) => ({
  consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${organizationNumber}` },
  scope,
  ...(clientId ? { client_id: clientId } : {}),
  [IDENTITY_KIND_CLAIM]: 'organization',
});

/** The scope of service owners' systems that ask the decision point about anyone (`authorize`, the AuthZEN API). */
export const AUTHORIZE_SCOPE = 'altinn:authorization/authorize';

export const hasScope = (viewer: Viewer | null, scope: string) => !!viewer && viewer.scopes.includes(scope);
