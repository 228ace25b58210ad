import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * `column = ANY($1::type[])`: the whole list as one array parameter. drizzle's `inArray` sends one parameter per
 * element, so every list length is a new statement text (no plan reuse) and each element costs a round of drizzle's
 * per-parameter work; one array parameter keeps the text, and so the prepared plan, the same for 1 or 1,000 keys.
 */
export function anyOf(column: AnyColumn, values: readonly unknown[]): SQL {
  return sql`${column} = any(${sql.param([...values])}::${sql.raw(column.getSQLType())}[])`;
}
