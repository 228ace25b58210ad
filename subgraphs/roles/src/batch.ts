/**
 * DataLoader batch results in key order. The parties subgraph keeps the same helper privately; it belongs in
 * the kit once a third subgraph needs it.
 */

/** One row per key, `null` for misses. */
export function oneEach<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const found = new Map(rows.map((r) => [keyOf(r), r] as const));
  return keys.map((k) => found.get(k) ?? null);
}

/** Every row of each key, in the order the rows came (the SQL's ORDER BY), `[]` for misses. */
export function manyEach<K, R, V = R>(
  keys: readonly K[],
  rows: readonly R[],
  keyOf: (row: R) => K,
  valueOf: (row: R) => V = (r) => r as unknown as V,
): V[][] {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const group = groups.get(k);
    if (group) group.push(valueOf(row));
    else groups.set(k, [valueOf(row)]);
  }
  return keys.map((k) => groups.get(k) ?? []);
}
