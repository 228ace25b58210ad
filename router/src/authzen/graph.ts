import { AuthZenError, statusOf } from './errors';

/** Runs a GraphQL request through the router's own graph, as the caller (their bearer token), and returns its data. */
export type GraphCall = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/**
 * A graph call bound to one AuthZEN request: the caller's token, its request id, and the field names of the graph's
 * errors translated into the AuthZEN request's (`requests[3].party` → `evaluations[3].resource.properties.party`).
 */
export function graphCaller(options: {
  graph: (request: Request) => Promise<Response>;
  url: URL;
  token: string;
  requestId: string | null;
  rename: (message: string) => string;
}): GraphCall {
  return async <T>(query: string, variables: Record<string, unknown>) => {
    const body = JSON.stringify({ query, variables });
    const res = await options.graph(
      new Request(new URL('/graphql', options.url), {
        method: 'POST',
        // Content-Length too: the router refuses bodies of unknown length.
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          authorization: `Bearer ${options.token}`,
          ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
        },
        body,
      }),
    );
    const result = (await res.json()) as { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
    const error = result.errors?.[0];
    if (error || !result.data) {
      const status = error ? statusOf(error.extensions?.code) : 500;
      throw new AuthZenError(status, status === 500 ? 'The decision point failed; see the hub log.' : options.rename(error!.message));
    }
    return result.data;
  };
}
