import { describe, expect, it } from 'vitest';
import { dayAndTime } from './day-and-time';

describe('the time of a support lookup', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('reads as day, month and Norwegian time, "kl" in Bokmål', () => {
    expect(dayAndTime('2026-03-12T09:14:00Z', 'nb', now)).toBe('12.03 kl 10:14');
    expect(dayAndTime('2026-03-12T09:14:00Z', 'en', now)).toBe('12.03 at 10:14');
    expect(dayAndTime('2026-07-01T22:05:00Z', 'nb', now)).toBe('02.07 kl 00:05');
  });
  it('names the year when it is not this year’s', () => {
    expect(dayAndTime('2025-12-31T08:00:00Z', 'nb', now)).toBe('31.12.2025 kl 09:00');
  });
});
