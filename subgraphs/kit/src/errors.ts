import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '@hub/db/unavailable';

/**
 * Every error code a client may see, with what it means. Anything thrown without one of these codes is
 * logged and masked as INTERNAL. `npm run docs:errors` writes this table to docs/errors.md (a test keeps
 * the two in step); each code has one factory below, and code outside this file uses the factories.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'No valid token was presented. Get one and send it as `Authorization: Bearer <token>`.',
  FORBIDDEN: 'The caller is known but may not see or do this.',
  BAD_USER_INPUT: 'An argument is malformed or out of range; the message names the field and the problem.',
  NOT_FOUND: 'The thing asked for does not exist, or the caller may not know that it exists.',
  CONFLICT: 'The request contradicts the current state (an id reused with other input, a finished request answered again).',
  UNAVAILABLE:
    'A service the answer needs (the database) cannot be reached right now. Nothing was changed by this part; try again after `retryAfter` seconds (at `retryAt`).',
  INTERNAL: 'Something failed on our side. It was logged; the request id in the logs finds it.',
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not validate against the schema.',
  PERSISTED_QUERY_NOT_FOUND: 'Persisted queries are not used here.',
  OPERATION_RESOLUTION_FAILURE: 'The operation named in the request is not in the document.',
  BAD_REQUEST: 'The HTTP request is not a GraphQL request this server accepts.',
  LIMIT_EXCEEDED: 'The document is deeper, has more aliases or more tokens than the router accepts; the message names the limit.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** An error users can act on, for a code known only at run time (passed on from another service); otherwise use the code's factory below. */
export function hubError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** `extensions.http` as the gateway reads it: the status (and headers) of a request that fails as a whole. */
type Http = { status: number; headers?: Record<string, string> };

export const unauthenticated = (message = 'Log in first: this needs a valid bearer token.', http?: Http) =>
  hubError('UNAUTHENTICATED', message, http ? { http } : {});
export const forbidden = (message = 'You may not access this.', extensions: { field?: string } = {}) => hubError('FORBIDDEN', message, extensions);
export const badInput = (field: string, problem: string) => hubError('BAD_USER_INPUT', `${field}: ${problem}`, { field });
export const notFound = (what: string) => hubError('NOT_FOUND', `${what} was not found.`);
export const conflict = (message: string) => hubError('CONFLICT', message);
/** The database (or another service the answer needs) is down for now: the client may repeat the request later. */
export const unavailable = (what = 'The database', retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS, now = new Date()) =>
  hubError('UNAVAILABLE', `${what} cannot be reached right now; try again in ${retryAfterSeconds} s.`, {
    retryAfter: retryAfterSeconds,
    retryAt: new Date(now.getTime() + retryAfterSeconds * 1000).toISOString(),
  });
export const limitExceeded = (message: string) => hubError('LIMIT_EXCEEDED', message, { http: { status: 400 } });
export const badRequest = (message: string) => hubError('BAD_REQUEST', message, { http: { status: 400 } });

/** The JSON body of an HTTP answer that is an error of its own (before or outside GraphQL execution). */
export const errorBody = (code: ErrorCode, message: string) => ({ errors: [{ message, extensions: { code } }] });

/** docs/errors.md: the registry above as a table. */
export function errorsDocument(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, '\\|')} |`);
  return [
    '# Error codes',
    '',
    '<!-- Generated from subgraphs/kit/src/errors.ts by `npm run docs:errors`; do not edit by hand. -->',
    '',
    'Every error the graph answers carries one of these codes in `errors[].extensions.code`. Anything else is',
    'logged and answered as `INTERNAL`. `BAD_USER_INPUT` also names the offending argument in `extensions.field`.',
    '',
    '| code | meaning |',
    '| --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/**
 * Keeps errors that carry a registered code, turns a database that cannot be reached into UNAVAILABLE, masks
 * everything else. `log` receives what was masked so that nothing disappears silently.
 */
export function maskError(formatted: GraphQLFormattedError, original: unknown, log: (err: unknown) => void): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isErrorCode(code) && code !== 'INTERNAL') {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isDatabaseUnavailable(original)) {
    const { message, extensions } = unavailable();
    return { message, path: formatted.path, locations: formatted.locations, extensions };
  }
  log(original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL' } };
}
