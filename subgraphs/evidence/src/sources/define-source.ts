import { ConsentRefused, hubKeys, organizationUrn, verifyConsentToken } from '@hub/source-kit';
import { reportConsentUse } from './report-consent-use';
import { EvidenceRefused, type EvidenceSource, type EvidenceValue, type HarvestRequest } from './source';

/** One code as its source knows it: the consent resource it answers for, whether it is open, and how to make the values. */
export interface SourceCode {
  resource: string;
  open?: boolean;
  values(request: HarvestRequest): EvidenceValue[];
}

/**
 * A source from its code table. Non-open codes need a consent token (verified here, offline, with the hub's JWKS,
 * and its use reported to the hub, which must say yes, before delivery) or a legal basis.
 */
export function defineSource(key: string, organizationNumber: string, codes: Record<string, SourceCode>): EvidenceSource {
  return {
    key,
    organizationNumber,
    codes: Object.keys(codes),
    async harvest(request) {
      const code = codes[request.code];
      if (!code) throw new EvidenceRefused(`${key} does not deliver ${request.code}.`);
      if (code.open) return code.values(request);
      if (request.consentToken) {
        const consent = await verifyConsentToken(request.consentToken, {
          keys: hubKeys(request.hub.publicUrl),
          issuer: request.hub.publicUrl,
          sourceOrganizationNumber: organizationNumber,
          subjectUrn: request.subject.urn,
          requestorUrn: organizationUrn(request.requestor.organizationNumber),
          resource: code.resource,
          parameters: request.parameters,
          now: request.now,
        }).catch((err: unknown) => {
          throw err instanceof ConsentRefused ? new EvidenceRefused(err.message) : err;
        });
        // The hub's yes comes first: a refused report (a used one-time right, a revoked token) means no data.
        await reportConsentUse(request.hub, organizationNumber, { ...consent, resource: code.resource });
        return code.values(request);
      }
      if (request.legalBasis) return code.values(request);
      throw new EvidenceRefused(`${request.code} needs a consent token or a legal basis.`);
    },
  };
}
