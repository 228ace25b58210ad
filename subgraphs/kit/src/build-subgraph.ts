import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { defaultFieldResolver, isObjectType, parse, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddleware, type IMiddlewareGenerator } from 'graphql-middleware';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import type { SubgraphContext } from './context';
import { unauthenticated } from './errors';

/**
 * Where a permission middleware names the fields whose only rule is "a logged-in viewer" (`@hub/authz`'s
 * createPermissions sets it): type → its field names, or `*` for all of them.
 */
export const VIEWER_ONLY_FIELDS = Symbol.for('hub.viewerOnlyFields');
export type ViewerOnlyFields = Map<string, Set<string> | '*'>;

/** Federation directives every subgraph may use. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@interfaceObject"])`;

export interface SubgraphDefinition {
  /** type-graphql resolver classes. */
  resolvers: BuildSchemaOptions['resolvers'];
  /** Types only reachable through federation (entity stubs). */
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  /** `{ Party: { __resolveReference } }`: each goes through a per-request loader. */
  referenceResolvers?: GraphQLResolverMap<unknown>;
  /**
   * The permission middleware every field runs through: `@hub/authz`'s `createPermissions(rules)`, which denies
   * everything not named. The platform applies it; what it allows is the authorization library's business.
   */
  permissions: IMiddleware | IMiddlewareGenerator<unknown, unknown, unknown>;
}

const noPubSub = {
  publish(): void {
    throw new Error('no pub/sub: a subscription names its own `subscribe`');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('no pub/sub: a subscription names its own `subscribe`');
  },
};

/** type-graphql classes → a Federation 2 subgraph schema guarded by graphql-shield. No side effects. */
export async function buildSubgraph(def: SubgraphDefinition): Promise<GraphQLSchema> {
  const build = (orphanedTypes: SubgraphDefinition['orphanedTypes']) =>
    buildSchema({
      resolvers: def.resolvers,
      orphanedTypes,
      validate: false,
      skipCheck: true,
      // type-graphql asks for one whenever a subscription exists; the hub's subscriptions bring their own `subscribe`.
      pubSub: noPubSub,
      emitSchemaFile: false,
    });
  const typeSchema = await build(def.orphanedTypes);
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeSchema)}`);
  if (def.orphanedTypes?.length) orphansLast(typeDefs, await build(undefined));
  const resolvers = createResolversMap(typeSchema) as GraphQLResolverMap<unknown>;
  for (const [type, refs] of Object.entries(def.referenceResolvers ?? {})) {
    resolvers[type] = { ...(resolvers[type] as object), ...(refs as object) } as never;
  }
  const subgraph = buildSubgraphSchema([{ typeDefs, resolvers }]);
  // graphql-middleware wraps a field's `resolve` when it has one, its `subscribe` only otherwise. A subscription's
  // permission rules must run when it starts (once, before any event, so a refusal is the stream's only answer): its
  // fields' `resolve` is set aside while the rules are applied, and each event goes through it unguarded after.
  const subscriptionFields = Object.values(subgraph.getSubscriptionType()?.getFields() ?? {});
  const resolves = new Map(subscriptionFields.map((f) => [f.name, f.resolve]));
  for (const field of subscriptionFields) field.resolve = undefined;
  const guarded = applyMiddleware(subgraph, def.permissions);
  for (const field of Object.values(guarded.getSubscriptionType()?.getFields() ?? {})) field.resolve = resolves.get(field.name);
  checkViewerSynchronously(subgraph, guarded, (def.permissions as { [VIEWER_ONLY_FIELDS]?: ViewerOnlyFields })[VIEWER_ONLY_FIELDS]);
  return guarded;
}

/**
 * A field whose only rule is "a logged-in viewer" (most fields under an already guarded one: a decision's reasons,
 * a page's info) is checked in line rather than through the permission middleware: the same check and the same
 * UNAUTHENTICATED error, but the field stays synchronous. Through the middleware every such field becomes a promise,
 * and an Authorize answer of 100 decisions has some 600 of them: their promises and microtasks were a third of the
 * decision point's CPU. Subscription fields keep the middleware (their rules run when they start).
 */
function checkViewerSynchronously(plain: GraphQLSchema, guarded: GraphQLSchema, fields: ViewerOnlyFields | undefined): void {
  if (!fields) return;
  const subscription = guarded.getSubscriptionType()?.name;
  for (const [typeName, names] of fields) {
    const type = guarded.getType(typeName);
    const original = plain.getType(typeName);
    if (typeName === subscription || !isObjectType(type) || !isObjectType(original)) continue;
    const originals = original.getFields();
    for (const field of Object.values(type.getFields())) {
      if (names !== '*' && !names.has(field.name)) continue;
      const resolve: GraphQLFieldResolver<unknown, SubgraphContext> = originals[field.name]?.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, ctx, info) => {
        if (!ctx.viewer) throw unauthenticated();
        return resolve(parent, args, ctx, info);
      };
    }
  }
}

/**
 * graphql-js puts orphaned types first in the type map, and so in the printed SDL: adding one would reorder the whole
 * committed SDL and supergraph. The types reachable without them keep their order; the orphans and what only they
 * reach follow.
 */
function orphansLast(typeDefs: DocumentNode, withoutOrphans: GraphQLSchema): void {
  const order = new Map(Object.keys(withoutOrphans.getTypeMap()).map((name, i) => [name, i]));
  const rank = (d: DocumentNode['definitions'][number]) => {
    const name = 'name' in d && d.name ? d.name.value : undefined;
    return name === undefined ? -1 : (order.get(name) ?? order.size);
  };
  const sorted = typeDefs.definitions.map((d, i) => ({ d, i, r: rank(d) })).sort((a, b) => a.r - b.r || a.i - b.i);
  (typeDefs as { definitions: DocumentNode['definitions'] }).definitions = sorted.map((x) => x.d);
}
