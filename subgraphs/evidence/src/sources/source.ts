import type { HubSettings } from '@hub/kit';

/** One named value a source delivers, typed as the code's value spec says. */
export interface EvidenceValue {
  name: string;
  type: string;
  value: unknown;
}

/** What the hub asks a source for. The source decides, from its own code table, what it needs to answer. */
export interface HarvestRequest {
  code: string;
  subject: { urn: string; /** national identity number or organisation number */ number: string };
  parameters: Record<string, unknown>;
  requestor: { organizationNumber: string };
  /** A consent token from the hub; the source verifies it itself. */
  consentToken?: string;
  /** A legal-basis reference the requestor gave (for codes a source may deliver on that basis). */
  legalBasis?: string | null;
  now: Date;
  /** The hub's public address (JWKS, issuer) and the service-to-service settings for reporting a consent's use. */
  hub: HubSettings;
}

/** A data source: an organisation that delivers some evidence codes. */
export interface EvidenceSource {
  key: string;
  organizationNumber: string;
  codes: string[];
  harvest(request: HarvestRequest): Promise<EvidenceValue[]>;
}

/** The source refuses to deliver (a token that does not hold, no basis): the code is DENIED with this reason. */
export class EvidenceRefused extends Error {
  override name = 'EvidenceRefused';
}
