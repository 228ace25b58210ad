/**
 * Whether an error means "the database cannot be reached right now" (down, restarting, refusing connections), as
 * opposed to a bug or a refused statement. Such a request may simply be repeated a moment later, so it is answered
 * UNAVAILABLE with a retry time, never INTERNAL and never as a permission answer.
 */

/** Codes postgres.js and Node's sockets put on an error when the connection itself failed. */
const CONNECTION_CODES = new Set([
  'CONNECTION_ENDED',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server going away or not accepting yet: 57P01 admin_shutdown (a fast restart), 57P02
 * crash_shutdown, 57P03 cannot_connect_now (starting up, in recovery), 53300 too_many_connections, and class 08
 * (connection exceptions).
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** How long clients are told to wait before trying again. A restart usually takes a second or two. */
export const DATABASE_RETRY_AFTER_SECONDS = 1;

export function isDatabaseUnavailable(err: unknown): boolean {
  // Drizzle wraps driver errors (`cause`), GraphQL wraps resolver errors (`originalError`); follow a few links.
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
      return true;
    }
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  return false;
}
