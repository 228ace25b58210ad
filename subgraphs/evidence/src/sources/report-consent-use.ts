import { callSubgraph, organizationClaims, type HubSettings } from '@hub/kit';

/** The source reports to the hub that it delivered under a consent (a one-time consent becomes USED). */
export async function reportConsentUse(hub: HubSettings, sourceOrganizationNumber: string, consent: { consentId: string; jti: string }): Promise<void> {
  const url = hub.subgraphUrl('consents');
  if (!url) throw new Error('no consents subgraph URL to report a consent use to');
  const res = await callSubgraph(url, hub.signingSecret, {
    query: 'mutation($id: ID!, $jti: String) { reportConsentUse(consentId: $id, jti: $jti) { id } }',
    variables: { id: consent.consentId, jti: consent.jti },
    viewerClaims: organizationClaims(sourceOrganizationNumber, ''),
  });
  if (res.errors?.length) throw new Error(`reportConsentUse: ${res.errors[0]!.message}`);
}
