import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';

/**
 * Yoga's masking, plus one rule: a refused token (HTTP 401, or the JWT plugin's 400 for something that is not
 * a JWT at all) becomes UNAUTHENTICATED with status 401, the code every client checks for.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  if (error instanceof GraphQLError && !error.extensions?.code) {
    const status = (error.extensions?.http as { status?: number } | undefined)?.status;
    if (status === 401 || (status === 400 && error.message.startsWith('Invalid authentication token'))) {
      return new GraphQLError('The bearer token is invalid or expired. Get a new one.', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
  }
  return yogaMaskError(error, message, isDev);
}
