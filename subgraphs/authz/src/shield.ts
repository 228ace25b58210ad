import { allow, deny, rule, shield, type IRules } from 'graphql-shield';
import type { IRule } from 'graphql-shield';
import {
  forbidden,
  onlyOrganizations,
  onlyPersons,
  unauthenticated,
  VIEWER_ONLY_FIELDS,
  type SubgraphContext,
  type ViewerOnlyFields,
} from '@hub/kit';
import { accessOf } from './access';

export { allow, deny, rule, and, or, not } from 'graphql-shield';

/** Passes for any logged-in viewer; anyone else gets UNAUTHENTICATED. */
export const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) => (ctx.viewer ? true : unauthenticated()));

const scopeRules = new Map<string, IRule>();

/** Passes when the viewer has `scope` in its token. One rule per scope: shield refuses two rules of one name. */
export function hasScopeRule(scope: string): IRule {
  let r = scopeRules.get(scope);
  if (!r) {
    r = rule(`scope:${scope}`, { cache: 'contextual' })((_p, _a, ctx: SubgraphContext) =>
      ctx.viewer ? ctx.viewer.scopes.includes(scope) : unauthenticated(),
    );
    scopeRules.set(scope, r);
  }
  return r;
}

/** Passes for an organisation token (Maskinporten-like); a person is told what to use instead. */
export const isOrganization = rule({ cache: 'contextual' })((_p, _a, ctx: SubgraphContext) => {
  if (!ctx.viewer) return unauthenticated();
  return ctx.viewer.kind === 'organization' ? true : onlyOrganizations();
});

/** Passes for a person token (ID-porten-like); an organisation is told what to use instead. */
export const isPerson = rule({ cache: 'contextual' })((_p, _a, ctx: SubgraphContext) => {
  if (!ctx.viewer) return unauthenticated();
  return ctx.viewer.kind === 'person' ? true : onlyPersons();
});

export const federationRules: IRules = {
  Query: { _service: allow, _entities: allow },
  _Service: allow,
};

/**
 * Deny by default: a field without a rule is refused with FORBIDDEN. Federation's own fields are open here
 * because only router-signed requests reach the schema at all; entity types carry their own rules.
 *
 * A rule that throws (its database call failed) is not a refusal: shield's `debug` lets the error through as the
 * field's error, where masking makes it UNAVAILABLE (database down) or INTERNAL. Without it shield would turn the
 * throw into `false`, and so into FORBIDDEN: a permission answer given for an infrastructure fault.
 */
export function createPermissions(rules: IRules) {
  const merged: Record<string, unknown> = { ...rules };
  for (const [type, typeRules] of Object.entries(federationRules)) {
    const own = merged[type];
    merged[type] = own && typeof own === 'object' && typeof typeRules === 'object' ? { ...typeRules, ...own } : (own ?? typeRules);
  }
  const middleware = shield(merged as IRules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    debug: true,
    fallbackError: () => forbidden('You may not access this field.'),
  });
  // The fields whose only rule is isAuthenticated: the subgraph checks those in line (kit/build-subgraph.ts).
  return Object.assign(middleware, { [VIEWER_ONLY_FIELDS]: viewerOnlyFields(merged) });
}

/** The fields whose rule is exactly `isAuthenticated`, by type (`*`: the whole type). */
export function viewerOnlyFields(rules: Record<string, unknown>): ViewerOnlyFields {
  const out: ViewerOnlyFields = new Map();
  for (const [type, typeRules] of Object.entries(rules)) {
    if (typeRules === isAuthenticated) {
      out.set(type, '*');
      continue;
    }
    if (typeof typeRules !== 'object' || typeRules === null || Object.getPrototypeOf(typeRules) !== Object.prototype) continue;
    const map = typeRules as Record<string, unknown>;
    if (map['*'] === isAuthenticated && Object.keys(map).length === 1) {
      out.set(type, '*');
      continue;
    }
    // With a `*` rule beside named ones, the named ones win; the rest follow `*`: only named fields are listed here.
    const names = new Set(Object.keys(map).filter((field) => field !== '*' && map[field] === isAuthenticated));
    if (names.size) out.set(type, names);
  }
  return out;
}

/**
 * The cache key of a rule that depends only on the viewer and on the id of the entity it guards: shared by every field
 * of that entity in the request, with no hashing. (`cache: 'strict'` hashes parent and arguments with object-hash on
 * every field; `'contextual'` is for rules on the viewer alone.)
 */
export const perEntityId = (parent: { id: string }): string => parent.id;

/** On a Party entity's fields: the party itself and those who may act for it (the one decision implementation). */
export const mayActForParty = rule({ cache: perEntityId })((party: { id: string }, _a, ctx: SubgraphContext) =>
  ctx.viewer ? accessOf(ctx).mayActFor(party.id) : unauthenticated(),
);

/**
 * On a Party entity's fields about who has access to it (its delegations, role holders, access requests): the party
 * itself and its administrators. Someone who may act for the party in one matter does not learn who else may.
 */
export const administersParty = rule({ cache: perEntityId })(async (party: { id: string }, _a, ctx: SubgraphContext) => {
  if (!ctx.viewer) return unauthenticated();
  return (await accessOf(ctx).administers(party.id)) ? true : forbidden('Only the party itself and its administrators may see this.');
});
