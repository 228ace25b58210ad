import { describe, expect, it } from 'vitest';
import { manyEach, oneEach } from './batch';

describe('batch results', () => {
  it('puts one row per key in key order, null for misses', () => {
    const rows = [
      { k: 'b', v: 2 },
      { k: 'a', v: 1 },
    ];
    expect(oneEach(['a', 'x', 'b'], rows, (r) => r.k)).toEqual([{ k: 'a', v: 1 }, null, { k: 'b', v: 2 }]);
  });
  it('groups rows per key in row order, [] for misses', () => {
    const rows = [
      { k: 'b', v: 1 },
      { k: 'a', v: 2 },
      { k: 'b', v: 3 },
    ];
    expect(
      manyEach(
        ['a', 'b', 'x'],
        rows,
        (r) => r.k,
        (r) => r.v,
      ),
    ).toEqual([[2], [1, 3], []]);
  });
});
