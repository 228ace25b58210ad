import { badInput } from '@hub/kit';

/** A place in the feed: after the event `id` of the transaction `xactId` (the feed's order is (xactId, id)). */
export interface FeedPosition {
  xactId: number;
  id: number;
}

/** Cursors are opaque to clients: base64url of the event's feed position, so that the encoding may change without notice. */
export const encodeCursor = (p: FeedPosition) => Buffer.from(`consent-event:${p.xactId}.${p.id}`).toString('base64url');

/**
 * The position a cursor names. A cursor of the earlier encoding (the event id alone) comes back as `{ id }` and is
 * resolved to its position by the feed.
 */
export function decodeCursor(cursor: string, field: string): FeedPosition | { id: number } {
  const match = /^consent-event:(?:(\d{1,15})\.)?(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput(field, 'is not a cursor this feed gave out');
  return match[1] === undefined ? { id: Number(match[2]) } : { xactId: Number(match[1]), id: Number(match[2]) };
}
