/**
 * DataLoader batch results in key order. The roles and delegations subgraphs keep the same helper privately; it
 * belongs in the kit (reported: the kit is not ours to edit).
 */

/** One row per key, `null` for misses. */
export function oneEach<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const found = new Map(rows.map((r) => [keyOf(r), r] as const));
  return keys.map((k) => found.get(k) ?? null);
}

/** Every row of each key, in the order the rows came (the SQL's ORDER BY), `[]` for misses. */
export function manyEach<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return keys.map((k) => groups.get(k) ?? []);
}
