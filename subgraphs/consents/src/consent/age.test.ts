import { describe, expect, it } from 'vitest';
import { ageOn, MINIMUM_ANSWERING_AGE } from './age';

describe('ageOn', () => {
  it('counts full years, turning over on the birthday itself', () => {
    expect(ageOn('2015-12-09', new Date('2030-12-08T23:59:59Z'))).toBe(14);
    expect(ageOn('2015-12-09', new Date('2030-12-09T00:00:00Z'))).toBe(MINIMUM_ANSWERING_AGE);
    expect(ageOn('1944-03-28', new Date('2026-12-01T00:00:00Z'))).toBe(82);
  });

  it('lets a 29 February birthday turn over on 1 March in other years', () => {
    expect(ageOn('2008-02-29', new Date('2023-02-28T12:00:00Z'))).toBe(14);
    expect(ageOn('2008-02-29', new Date('2023-03-01T00:00:00Z'))).toBe(15);
  });
});
