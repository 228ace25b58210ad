import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('feed cursors', () => {
  it('carry the event’s place in the feed: its transaction id and its id', () => {
    const cursor = encodeCursor({ xactId: 4_294_967_999, id: 731 });
    expect(cursor).not.toContain('731');
    expect(decodeCursor(cursor, 'after')).toEqual({ xactId: 4_294_967_999, id: 731 });
  });

  it('still read a cursor given out before, when it named the event id alone', () => {
    expect(decodeCursor(Buffer.from('consent-event:731').toString('base64url'), 'after')).toEqual({ id: 731 });
  });

  it('refuse anything else as BAD_USER_INPUT on the argument', () => {
    for (const bad of ['bm9wZQ', Buffer.from('consent-event:1.2.3').toString('base64url'), Buffer.from('consent-event:-1').toString('base64url')]) {
      expect(() => decodeCursor(bad, 'after')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });
});
