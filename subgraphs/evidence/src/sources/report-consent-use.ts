import { callSubgraph, organizationClaims, type HubSettings } from '@hub/kit';
import { EvidenceRefused } from './source';

/** Answers the hub gives when it says no: the source must not deliver. Anything else is a failure to try again. */
const REFUSALS = new Set(['CONFLICT', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND']);

/**
 * The source reports to the hub that it is about to deliver `resource` under a consent, before it delivers: the
 * hub's no (a used one-time right, a revoked or expired token) is EvidenceRefused, and no data goes out.
 */
export async function reportConsentUse(
  hub: HubSettings,
  sourceOrganizationNumber: string,
  use: { consentId: string; jti: string; resource: string },
): Promise<void> {
  const url = hub.subgraphUrl('consents');
  if (!url) throw new Error('no consents subgraph URL to report a consent use to');
  const res = await callSubgraph(url, hub.signingSecret, {
    query: 'mutation($id: ID!, $jti: String, $resource: String) { reportConsentUse(consentId: $id, jti: $jti, resource: $resource) { id } }',
    variables: { id: use.consentId, jti: use.jti, resource: use.resource },
    viewerClaims: organizationClaims(sourceOrganizationNumber, ''),
  });
  const err = res.errors?.[0];
  if (!err) return;
  const code = err.extensions?.code;
  if (typeof code === 'string' && REFUSALS.has(code)) throw new EvidenceRefused(`The hub refused the use of the consent: ${err.message}`);
  throw new Error(`reportConsentUse: ${err.message}`);
}
