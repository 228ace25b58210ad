import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { unauthenticated } from '@hub/kit/errors';

/** Extensions that tell an outsider how the graph is built inside, never what to do: not sent to clients. */
const INTERNAL_EXTENSIONS = ['serviceName', 'originalError', 'stacktrace', 'exception'];

/**
 * Yoga's masking, plus two rules: a refused token (HTTP 401) becomes UNAUTHENTICATED with status 401, the code
 * every client checks for; and an error a subgraph answered keeps its message and code but not the
 * gateway's notes on where it came from (`serviceName`, `originalError`).
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  if (error instanceof GraphQLError && !error.extensions?.code) {
    const status = (error.extensions?.http as { status?: number } | undefined)?.status;
    if (status === 401) {
      return unauthenticated('The bearer token is invalid or expired. Get a new one.', { status: 401 });
    }
  }
  const unreachable = unreachableSubgraph(error);
  if (unreachable) return unreachable;
  const masked = yogaMaskError(error, message, isDev);
  if (!(masked instanceof GraphQLError) || !INTERNAL_EXTENSIONS.some((k) => k in (masked.extensions ?? {}))) return masked;
  const extensions = Object.fromEntries(Object.entries(masked.extensions).filter(([k]) => !INTERNAL_EXTENSIONS.includes(k)));
  return new GraphQLError(masked.message, { nodes: masked.nodes, source: masked.source, positions: masked.positions, path: masked.path, extensions });
}

/**
 * A subgraph that could not be reached (down, refusing connections): the fields it contributes are null, and this
 * error, at their path, names the missing part so the caller knows what to retry. Nothing else of the failed request
 * (the gateway attaches the subrequest, viewer claims included) is passed on.
 */
function unreachableSubgraph(error: unknown): GraphQLError | null {
  if (!(error instanceof GraphQLError) || error.extensions?.code !== 'SUBREQUEST_HTTP_ERROR') return null;
  const service = error.extensions.serviceName;
  if (typeof service !== 'string') return null;
  return new GraphQLError(`The ${service} service is unavailable, so this part of the answer is missing. Try again later.`, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { code: 'UNAVAILABLE', service },
  });
}
