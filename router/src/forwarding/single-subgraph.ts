import {
  buildASTSchema,
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Which subgraph can answer a whole operation on its own, read from the supergraph's join directives: the basis of
 * the router's forwarding (forwarder.ts). A field belongs to a subgraph when it carries `@join__field(graph: S)`
 * without `external`, `requires` or `provides`, or, with no `@join__field` at all, when its type carries
 * `@join__type(graph: S)`. An operation is answerable by S alone when it is a query and every field it selects,
 * through every fragment, belongs to S, with no introspection, no abstract type and no `@defer`/`@stream`.
 * Then S's answer is the answer the gateway would assemble from S's one fetch.
 */
export interface SingleSubgraphPlanner {
  /** The subgraph's name (`parties`, `delegations` …) that answers the operation alone, or null. */
  subgraphOf(document: DocumentNode, operationName: string | null | undefined): string | null;
}

const graphArg = (directive: ConstDirectiveNode) => {
  const value = directive.arguments?.find((a) => a.name.value === 'graph')?.value;
  return value?.kind === Kind.ENUM ? value.value : null;
};

export function singleSubgraphPlanner(supergraphSdl: string): SingleSubgraphPlanner {
  const schema: GraphQLSchema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  // join__Graph enum value (PARTIES) → the subgraph's name (parties).
  const graphNames = new Map<string, string>();
  for (const value of schema.getType('join__Graph')?.astNode?.kind === Kind.ENUM_TYPE_DEFINITION
    ? ((schema.getType('join__Graph')!.astNode as { values?: readonly { name: { value: string }; directives?: readonly ConstDirectiveNode[] }[] })
        .values ?? [])
    : []) {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const name = directive?.arguments?.find((a) => a.name.value === 'name')?.value;
    if (name?.kind === Kind.STRING) graphNames.set(value.name.value, name.value);
  }

  const typeGraphs = new Map<GraphQLNamedType, Set<string>>();
  const graphsOfType = (type: GraphQLNamedType) => {
    let graphs = typeGraphs.get(type);
    if (!graphs) {
      graphs = new Set(
        (type.astNode?.directives ?? [])
          .filter((d) => d.name.value === 'join__type')
          .map(graphArg)
          .filter((g) => g !== null),
      );
      typeGraphs.set(type, graphs);
    }
    return graphs;
  };
  const fieldGraphs = new Map<GraphQLField<unknown, unknown>, Set<string>>();
  const graphsOfField = (parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>) => {
    let graphs = fieldGraphs.get(field);
    if (!graphs) {
      const joins = (field.astNode?.directives ?? []).filter((d) => d.name.value === 'join__field');
      if (joins.length === 0) graphs = graphsOfType(parent);
      else {
        graphs = new Set();
        for (const join of joins) {
          const plain = !join.arguments?.some((a) => ['external', 'requires', 'provides', 'override', 'usedOverridden'].includes(a.name.value));
          const graph = graphArg(join);
          if (plain && graph) graphs.add(graph);
        }
      }
      fieldGraphs.set(field, graphs);
    }
    return graphs;
  };

  return {
    subgraphOf(document, operationName) {
      const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
      if (!operation || operation.operation !== 'query') return null;
      let candidates: Set<string> | null = null;
      let refused = false;
      const typeInfo = new TypeInfo(schema);
      // The whole document: fragments the operation does not use only narrow the candidates (conservative).
      visit(
        document,
        visitWithTypeInfo(typeInfo, {
          OperationDefinition(node) {
            if (node !== operation) return false;
            return undefined;
          },
          Directive(node) {
            if (node.name.value === 'defer' || node.name.value === 'stream') {
              refused = true;
              return BREAK;
            }
            return undefined;
          },
          Field(node) {
            if (node.name.value === '__typename') return undefined;
            const parent = typeInfo.getParentType();
            const field = typeInfo.getFieldDef();
            if (!parent || !field || node.name.value.startsWith('__') || !isObjectType(parent) || isAbstractType(getNamedType(field.type))) {
              refused = true;
              return BREAK;
            }
            const graphs = graphsOfField(parent, field as GraphQLField<unknown, unknown>);
            const next: Set<string> = new Set([...(candidates ?? graphs)].filter((g) => graphs.has(g)));
            if (next.size === 0) {
              refused = true;
              return BREAK;
            }
            candidates = next;
            return undefined;
          },
        }),
      );
      if (refused || !candidates) return null;
      const [first] = candidates as Set<string>;
      return first ? (graphNames.get(first) ?? null) : null;
    },
  };
}
