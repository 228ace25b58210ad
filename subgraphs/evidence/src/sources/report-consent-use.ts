import { callSubgraph, organizationClaims, type HubSettings } from '@hub/kit';
import { isUseRefusal, REPORT_USE_QUERY, reportUseVariables, type ConsentUse } from '@hub/source-kit';
import { EvidenceRefused } from './source';

/**
 * The source reports to the hub that it is about to deliver `resource` under a consent, before it delivers: the
 * hub's no (a used one-time right, a revoked or expired token) is EvidenceRefused, and no data goes out.
 */
export async function reportConsentUse(hub: HubSettings, sourceOrganizationNumber: string, use: ConsentUse): Promise<void> {
  const url = hub.subgraphUrl('consents');
  if (!url) throw new Error('no consents subgraph URL to report a consent use to');
  const res = await callSubgraph(url, hub.signingSecret, {
    query: REPORT_USE_QUERY,
    variables: reportUseVariables(use),
    viewerClaims: organizationClaims(sourceOrganizationNumber, ''),
  });
  const err = res.errors?.[0];
  if (!err) return;
  if (isUseRefusal(err.extensions?.code)) throw new EvidenceRefused(`The hub refused the use of the consent: ${err.message}`);
  throw new Error(`reportConsentUse: ${err.message}`);
}
