import { createHash } from 'node:crypto';
import { AuthZenError } from './errors';
import type { PageRequest } from './shapes';

/** Results per page when the request names no `page.limit`. */
export const DEFAULT_PAGE_LIMIT = 100;

interface Cursor {
  /** Where the next page starts. */
  o: number;
  /** Which search it continues: a token from another search is refused. */
  k: string;
}

/** A search's key: its request without the page, hashed. */
export const searchKey = (request: Record<string, unknown>) =>
  createHash('sha256')
    .update(JSON.stringify({ ...request, page: undefined }))
    .digest('base64url')
    .slice(0, 16);

/**
 * AuthZEN §8 paging over a search's whole (ordered) answer: `page.token` (or `page.next_token`) and `page.limit` in,
 * `page.next_token` (empty on the last page), `count` and `total` out. Tokens are opaque and bound to the search.
 */
export function pageOf<T>(all: T[], page: PageRequest, key: string): { page: { next_token: string; count: number; total: number }; results: T[] } {
  const limit = page?.limit ?? DEFAULT_PAGE_LIMIT;
  const token = page?.token || page?.next_token;
  let offset = 0;
  if (token) {
    let cursor: Partial<Cursor> = {};
    try {
      cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
    } catch {
      // falls through to the refusal below
    }
    if (cursor.k !== key || !Number.isInteger(cursor.o) || cursor.o! < 0) throw new AuthZenError(400, 'page.token: not a token of this search');
    offset = cursor.o!;
  }
  const results = all.slice(offset, offset + limit);
  const next = offset + limit < all.length ? Buffer.from(JSON.stringify({ o: offset + limit, k: key } satisfies Cursor)).toString('base64url') : '';
  return { page: { next_token: next, count: results.length, total: all.length }, results };
}
