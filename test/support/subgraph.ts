import { claimedIdentityKind, DEV_ROUTER_SECRET, IDENTITY_KIND_CLAIM, SIGNATURE_HEADER, signBody } from '@hub/kit';

/**
 * Calls a subgraph directly as the router would: the body signed, the viewer in `extensions.jwt`, with the
 * identity kind the router adds for a verified token (unless the viewer names one itself).
 */
export async function signedSubgraphRequest(
  url: string,
  request: { query: string; variables?: Record<string, unknown>; viewer?: Record<string, unknown> },
  options: { secret?: string; tamper?: (body: string) => string; headers?: Record<string, string> } = {},
) {
  const body = JSON.stringify({
    query: request.query,
    variables: request.variables,
    extensions: request.viewer ? { jwt: { payload: { [IDENTITY_KIND_CLAIM]: claimedIdentityKind(request.viewer), ...request.viewer } } } : undefined,
  });
  const signature = signBody(options.secret ?? DEV_ROUTER_SECRET, body);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature, ...options.headers },
    body: options.tamper ? options.tamper(body) : body,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
