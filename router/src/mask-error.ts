import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { unauthenticated } from '@hub/kit';

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
  const masked = yogaMaskError(error, message, isDev);
  if (!(masked instanceof GraphQLError) || !INTERNAL_EXTENSIONS.some((k) => k in (masked.extensions ?? {}))) return masked;
  const extensions = Object.fromEntries(Object.entries(masked.extensions).filter(([k]) => !INTERNAL_EXTENSIONS.includes(k)));
  return new GraphQLError(masked.message, { nodes: masked.nodes, source: masked.source, positions: masked.positions, path: masked.path, extensions });
}
