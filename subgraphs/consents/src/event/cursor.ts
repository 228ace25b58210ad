import { badInput } from '@hub/kit';

/** Cursors are opaque to clients: base64url of the event id, so that the encoding may change without notice. */
export const encodeCursor = (id: number) => Buffer.from(`consent-event:${id}`).toString('base64url');

export function decodeCursor(cursor: string, field: string): number {
  const match = /^consent-event:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput(field, 'is not a cursor this feed gave out');
  return Number(match[1]);
}
