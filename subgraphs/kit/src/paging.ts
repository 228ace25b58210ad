import { and, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@hub/db';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors';

/**
 * Every list about a party pages the same way: `first` rows (default 100, at most 500) after an opaque `after`
 * cursor, in one stable order ending in a unique column, so that pages follow each other without gaps or repeats.
 * The list field keeps its plain type (`[T!]!`, the public contract's shape); its companion `<list>Page` field
 * returns the same rows with `pageInfo { endCursor hasNextPage }`. Paging happens in SQL, after the visibility
 * filter, so a page never holds a row the viewer may not see and never skips one they may.
 */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many rows: 1–${MAX_PAGE_SIZE}.` })
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the page before; none for the first page.' })
  after?: string | null;
}

@ObjectType({ description: 'Where a page of a list ends.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null on an empty first page, the given cursor on an empty later page.',
  })
  endCursor!: string | null;

  @Field(() => Boolean, { description: 'More rows follow.' })
  hasNextPage!: boolean;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/** A page type for one list's item type: `{ nodes: [T!]! pageInfo: PageInfo! }` named `<T>Page`. */
export function PageType<T extends object>(item: ClassType<T>, name = `${item.name}Page`) {
  @ObjectType(name, { description: `A page of ${item.name} rows, with where it ends.` })
  class ItemPage {
    @Field(() => [item])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ItemPage;
}

/**
 * One column of a list's order. Timestamps go into the cursor at full (microsecond) precision, so that rows stored
 * within one millisecond neither repeat nor vanish at a page boundary.
 */
export interface OrderKey {
  column: SQLWrapper;
  kind: 'time' | 'int' | 'uuid' | 'text';
}

/** A list's order: its name (a cursor of one list is refused by another), its direction, its keys (the last unique). */
export interface ListOrder {
  name: string;
  direction: 'asc' | 'desc';
  keys: readonly OrderKey[];
}

const KEY_PATTERN: Record<OrderKey['kind'], RegExp> = {
  time: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/,
  int: /^-?\d{1,18}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  text: /^[\s\S]{0,1000}$/,
};

/** The key of a row as text, in SQL: what the cursor carries. */
const keyText = (k: OrderKey): SQL =>
  k.kind === 'time' ? sql`to_char(${k.column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')` : sql`${k.column}::text`;

/** A cursor value back as a typed SQL parameter. */
const keyValue = (k: OrderKey, value: string): SQL => {
  switch (k.kind) {
    case 'time':
      return sql`(${value}::timestamp at time zone 'UTC')`;
    case 'int':
      return sql`${value}::bigint`;
    case 'uuid':
      return sql`${value}::uuid`;
    default:
      return sql`${value}::text`;
  }
};

/** Checks `first` and decodes `after`; BAD_USER_INPUT naming the argument when either is wrong. */
export function readPageArgs(order: ListOrder, args: Partial<PageArgs>): { first: number; after: string[] | null } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  if (args.after == null) return { first, after: null };
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(args.after, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  const valid =
    Array.isArray(parts) &&
    parts.length === order.keys.length + 1 &&
    parts[0] === order.name &&
    order.keys.every((k, i) => typeof parts[i + 1] === 'string' && KEY_PATTERN[k.kind].test(parts[i + 1] as string));
  if (!valid) throw badInput('after', `is not a cursor of ${order.name}`);
  return { first, after: (parts as string[]).slice(1) };
}

/** What a list's query needs: where to start, in which order, how many rows, and the cursor column to select. */
export interface PageQuery {
  /** The keyset condition (undefined on the first page): AND it with the list's own conditions. */
  where: SQL | undefined;
  orderBy: SQL[];
  /** One more than the page, to tell whether another follows. */
  limit: number;
  /** Select this as `cursor`; `toPage` reads it back. */
  cursor: SQL<string>;
}

/** Builds a list's page query from the arguments; throws BAD_USER_INPUT for a bad `first` or `after`. */
export function pageQuery(order: ListOrder, args: Partial<PageArgs>): PageQuery {
  const { first, after } = readPageArgs(order, args);
  const columns = sql.join(
    order.keys.map((k) => sql`${k.column}`),
    sql`, `,
  );
  const where = after
    ? sql`(${columns}) ${sql.raw(order.direction === 'asc' ? '>' : '<')} (${sql.join(
        order.keys.map((k, i) => keyValue(k, after[i]!)),
        sql`, `,
      )})`
    : undefined;
  const dir = sql.raw(order.direction);
  return {
    where,
    orderBy: order.keys.map((k) => sql`${k.column} ${dir}`),
    limit: first + 1,
    cursor: sql<string>`json_build_array(${order.name}::text, ${sql.join(order.keys.map(keyText), sql`, `)})::text`,
  };
}

/** The rows of a page query (each with its `cursor`) as a page; `after` is the argument given. */
export function toPage<R extends { cursor: string }, T>(query: PageQuery, rows: readonly R[], node: (row: R) => T, after?: string | null): Page<T> {
  const shown = rows.slice(0, query.limit - 1);
  const last = shown.at(-1);
  return {
    nodes: shown.map(node),
    pageInfo: {
      endCursor: last ? Buffer.from(JSON.stringify(JSON.parse(last.cursor))).toString('base64url') : (after ?? null),
      hasNextPage: rows.length > shown.length,
    },
  };
}

/** The usual order of a list: by a time column, ties broken by the row's UUID. */
export const timeThenId = (name: string, direction: ListOrder['direction'], time: SQLWrapper, id: SQLWrapper): ListOrder => ({
  name,
  direction,
  keys: [
    { column: time, kind: 'time' },
    { column: id, kind: 'uuid' },
  ],
});

/**
 * One page of whole rows of `table` that meet `where`, in `order`: the list query every paged field runs. The
 * caller's `where` carries the list's own conditions (whose rows, which status, what the viewer may see).
 */
export async function selectPage<T extends PgTable>(
  db: Db,
  table: T,
  order: ListOrder,
  args: Partial<PageArgs>,
  where: SQL | undefined,
): Promise<Page<T['$inferSelect']>> {
  const q = pageQuery(order, args);
  // drizzle cannot type a select of a table chosen by a type parameter; the row is the table's select model.
  const rows = (await db
    .select({ row: table, cursor: q.cursor } as unknown as Record<string, PgColumn>)
    .from(table as unknown as PgTable)
    .where(and(where, q.where))
    .orderBy(...q.orderBy)
    .limit(q.limit)) as unknown as { row: T['$inferSelect']; cursor: string }[];
  return toPage(q, rows, (r) => r.row, args.after);
}
