import { SIGNATURE_HEADER, signBody } from './signature';

/** The request id header: sent by the router and by service-to-service calls, echoed by a subgraph. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** How long a subgraph call may take by default, in ms. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

export interface SubgraphRequest {
  query: string;
  variables?: Record<string, unknown>;
  /** The viewer the subgraph sees (`extensions.jwt.payload`); absent: no viewer. */
  viewerClaims?: Record<string, unknown>;
  /** Sent as `x-request-id`, so that the callee's log lines join the caller's. */
  requestId?: string;
  /** Past this the call is aborted and rejects with a `TimeoutError`. Default 10 s. */
  timeoutMs?: number;
  /** The caller's own abort (a request that went away); the call rejects with its reason. */
  signal?: AbortSignal;
}

export interface SubgraphResult<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/**
 * POSTs a GraphQL request to a subgraph signed as the router signs (`x-hub-signature` over the exact body), within
 * `timeoutMs` and the caller's `signal`. Answers the raw response: a caller that only wants to know whether the
 * subgraph answers (readiness) reads `ok`; others use callSubgraph. Rejects on a network error, a timeout
 * (`TimeoutError`) or an abort. Only for code that holds the signing secret.
 */
export async function postToSubgraph(url: string, signingSecret: string, request: SubgraphRequest): Promise<Response> {
  const body = JSON.stringify({
    query: request.query,
    variables: request.variables,
    extensions: request.viewerClaims ? { jwt: { payload: request.viewerClaims } } : undefined,
  });
  const timeout = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signBody(signingSecret, body),
      ...(request.requestId ? { [REQUEST_ID_HEADER]: request.requestId } : {}),
    },
    body,
    signal: request.signal ? AbortSignal.any([timeout, request.signal]) : timeout,
  });
}

/**
 * A service-to-service GraphQL call to another subgraph (postToSubgraph), answering its parsed `{ data, errors }`
 * whatever the HTTP status (a subgraph answers GraphQL errors with 200 or 4xx/5xx bodies alike).
 */
export async function callSubgraph<T>(url: string, signingSecret: string, request: SubgraphRequest): Promise<SubgraphResult<T>> {
  const res = await postToSubgraph(url, signingSecret, request);
  return (await res.json()) as SubgraphResult<T>;
}
