import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column = ANY($1::type[])`: the whole list as one array parameter. drizzle's `inArray` sends one parameter per
 * element, so every list length is a new statement text (no plan reuse) and each element costs a round of drizzle's
 * per-parameter work; one array parameter keeps the text, and so the prepared plan, the same for 1 or 1,000 keys.
 */
export function anyOf(column: AnyColumn, values: readonly unknown[]): SQL {
  return sql`${column} = any(${sql.param([...values])}::${sql.raw(column.getSQLType())}[])`;
}

/** `anyOf` with the list given when a prepared query runs (`sql.placeholder(name)`): see `prepared`. */
export function anyOfPlaceholder(column: AnyColumn, name: string): SQL {
  return sql`${column} = any(${sql.placeholder(name)}::${sql.raw(column.getSQLType())}[])`;
}

const preparedByDb = new WeakMap<object, Map<string, unknown>>();

/**
 * A query built once per database handle (or transaction handle) and name, then run with its placeholders'
 * values: the hot reads of the decision point skip drizzle's building of the statement (its per-column and
 * per-parameter work) on every call. The text stays the same, so Postgres reuses its plan too.
 */
export function prepared<T>(db: object, name: string, build: () => T): T {
  let queries = preparedByDb.get(db);
  if (!queries) preparedByDb.set(db, (queries = new Map()));
  let query = queries.get(name) as T | undefined;
  if (query === undefined) queries.set(name, (query = build()));
  return query;
}
