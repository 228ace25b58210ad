import { describe, expect, it } from 'vitest';
import { isUuid, parseUuid } from './uuid';

describe('parseUuid', () => {
  it('gives the canonical lower-case form of a UUID in any letter case', () => {
    expect(parseUuid('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(parseUuid('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(isUuid('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(true);
  });

  it.each([
    '',
    'not-a-uuid',
    '0f8fad5b-d9cb-469f-a165-70867728950',
    '0f8fad5b-d9cb-469f-a165-70867728950e ',
    '{0f8fad5b-d9cb-469f-a165-70867728950e}',
  ])('refuses %j', (value) => {
    expect(parseUuid(value)).toBeNull();
    expect(isUuid(value)).toBe(false);
  });
});
