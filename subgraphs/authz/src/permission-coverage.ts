import { isIntrospectionType, isObjectType, type GraphQLSchema } from 'graphql';
import type { IRules } from 'graphql-shield';
import { federationRules } from './shield';

/** A rule map for one type, as opposed to one rule for the whole type (rules are class instances). */
const isFieldMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

export interface PermissionCoverage {
  /** `Type.field` that no rule names: shield's deny-by-default refuses them at run time. */
  unguarded: string[];
  /** `Type` or `Type.field` that a rule names but the schema does not have: a typo, or a rule left behind. */
  stale: string[];
}

/**
 * Walks every object type of a subgraph schema against its graphql-shield rules (and federation's own), so that a
 * forgotten rule fails a test instead of surfacing as FORBIDDEN in production, and a rule for a renamed field does
 * not silently guard nothing.
 */
export function permissionCoverage(schema: GraphQLSchema, rules: IRules): PermissionCoverage {
  const all: Record<string, unknown> = { ...(federationRules as Record<string, unknown>) };
  for (const [type, own] of Object.entries(rules as Record<string, unknown>)) {
    const fed = all[type];
    all[type] = isFieldMap(fed) && isFieldMap(own) ? { ...fed, ...own } : own;
  }
  const unguarded: string[] = [];
  const stale: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const typeRules = all[type.name];
    if (typeRules === undefined) {
      unguarded.push(...Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
      continue;
    }
    if (!isFieldMap(typeRules) || '*' in typeRules) continue;
    for (const field of Object.keys(type.getFields())) {
      if (!(field in typeRules)) unguarded.push(`${type.name}.${field}`);
    }
  }
  for (const [typeName, typeRules] of Object.entries(rules as Record<string, unknown>)) {
    const type = schema.getType(typeName);
    if (!type || !isObjectType(type)) {
      stale.push(typeName);
      continue;
    }
    if (!isFieldMap(typeRules)) continue;
    const fields = type.getFields();
    for (const field of Object.keys(typeRules)) {
      if (field !== '*' && !(field in fields)) stale.push(`${typeName}.${field}`);
    }
  }
  return { unguarded: unguarded.sort(), stale: stale.sort() };
}
