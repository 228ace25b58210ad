/**
 * A GraphQL enum from the database enum's values (drizzle's `pgEnum(...).enumValues`), so that each list of values is
 * declared once: `export const RoleProvider = enumOf(roleProvider.enumValues)` and
 * `export type RoleProvider = (typeof RoleProvider)[keyof typeof RoleProvider]`, then `registerEnumType` as usual.
 * Values the graph adds to the stored ones (a computed EXPIRED) are appended to the list.
 */
export function enumOf<const V extends string>(values: readonly V[]): { readonly [K in V]: K } {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as { readonly [K in V]: K };
}
