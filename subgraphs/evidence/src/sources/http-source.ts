import { organizationUrn } from '@hub/db';
import { EvidenceRefused, type EvidenceValue, type HarvestRequest } from './source';

/**
 * Asks a data source that runs as its own service, as a bank would: `POST <url>/evidence/<code>` with the consent
 * token as bearer and the subject, requestor and parameters. The source verifies the token and reports the use to
 * the hub itself; a 4xx is its refusal (DENIED, with its message), anything else a failure (UNAVAILABLE).
 */
export async function askHttpSource(url: string, request: HarvestRequest & { consentToken: string }, timeoutMs: number): Promise<EvidenceValue[]> {
  const res = await fetch(`${url}/evidence/${encodeURIComponent(request.code)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${request.consentToken}` },
    body: JSON.stringify({
      subject: request.subject.urn,
      requestor: organizationUrn(request.requestor.organizationNumber),
      parameters: request.parameters,
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await res.json().catch(() => null)) as { values?: EvidenceValue[]; message?: string } | null;
  if (res.ok && Array.isArray(body?.values)) return body.values;
  if (res.status >= 400 && res.status < 500) throw new EvidenceRefused(body?.message ?? `The source refused (${res.status}).`);
  throw new Error(`the source at ${url} answered ${res.status}`);
}
