import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddleware, type IMiddlewareGenerator } from 'graphql-middleware';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';

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

/** type-graphql classes → a Federation 2 subgraph schema guarded by graphql-shield. No side effects. */
export async function buildSubgraph(def: SubgraphDefinition): Promise<GraphQLSchema> {
  const typeSchema = await buildSchema({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    validate: false,
    skipCheck: true,
    emitSchemaFile: false,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeSchema)}`);
  const resolvers = createResolversMap(typeSchema) as GraphQLResolverMap<unknown>;
  for (const [type, refs] of Object.entries(def.referenceResolvers ?? {})) {
    resolvers[type] = { ...(resolvers[type] as object), ...(refs as object) } as never;
  }
  const subgraph = buildSubgraphSchema([{ typeDefs, resolvers }]);
  return applyMiddleware(subgraph, def.permissions);
}
