import {
  buildASTSchema,
  getNamedType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  print,
  stripIgnoredCharacters,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';

/**
 * Plans for queries that several subgraphs answer together, read from the supergraph's join directives: the basis of
 * the router's composing of answers (forwarder.ts), the multi-subgraph sibling of single-subgraph.ts.
 *
 * A plan is a tree of fetches: the root fields from the subgraphs that own them, then, for every object whose type is
 * an entity and whose selection asks for fields another subgraph owns, an `_entities` fetch per (place, subgraph)
 * with the keys the parent fetch selected under hidden aliases, as the gateway's planner does for such queries; the
 * fetches run in stages (the roots, then the places they reveal, …), and a stage asks each subgraph once. The
 * answers are merged into one tree, and the client's answer is that tree projected onto the operation's selection
 * (its order, its aliases, without the hidden keys). Only plain shapes are planned; anything else (`@include`,
 * `@skip` or any directive, abstract types, introspection, a fragment on another type, a response name selected
 * twice at one place, `@requires`/`@provides`/`@override`, a key that is not a list of plain fields, a subgraph that
 * cannot resolve the entity) gives no plan, and the gateway answers the query as always.
 */
export interface ComposedPlan {
  /**
   * The fetches in stages: the root fields' first, then each stage's entity fetches once the stage before is merged,
   * one request per subgraph and stage (as the gateway batches them), whatever the places they serve.
   */
  stages: Fetch[][];
  /** The client's selection, to project the merged answers onto. */
  shape: ObjectShape;
  /** Every subgraph the plan asks. */
  subgraphs: Set<string>;
}

export interface Fetch {
  subgraph: string;
  /** The operation sent to the subgraph, as a JSON string (the body is spliced together from it). */
  queryJson: string;
  /** The client's variables it uses. */
  variables: string[];
  /**
   * For a fetch of entities: per place, where its objects are in the merged tree (response names; lists are walked
   * through), their type and keys, the alias of its `_entities` and the variable of its representations.
   */
  entities?: { path: string[]; typename: string; keys: { field: string; alias: string }[]; alias: string; variable: string }[];
}

export type TypeShape = { kind: 'nonNull'; of: TypeShape } | { kind: 'list'; of: TypeShape } | { kind: 'leaf' } | ObjectShape;
export interface ObjectShape {
  kind: 'object';
  fields: { key: string; type: TypeShape }[];
}

export interface ComposerPlanner {
  plan(document: DocumentNode, operationName: string | null | undefined): ComposedPlan | null;
}

const HIDDEN = '_hub_key_';
const HIDDEN_VARIABLE = '_hub_r';
const HIDDEN_ENTITIES = '_hub_e';
const PLAIN_KEY = /^[_A-Za-z][_0-9A-Za-z]*( +[_A-Za-z][_0-9A-Za-z]*)*$/;

class NoPlan extends Error {}
const refuse = (why: string): never => {
  throw new NoPlan(why);
};

const argValue = (directive: ConstDirectiveNode, name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;

export function composerPlanner(supergraphSdl: string): ComposerPlanner {
  const schema: GraphQLSchema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const graphNames = new Map<string, string>();
  const graphEnum = schema.getType('join__Graph')?.astNode;
  if (graphEnum?.kind === Kind.ENUM_TYPE_DEFINITION) {
    for (const value of graphEnum.values ?? []) {
      const name = value.directives?.find((d) => d.name.value === 'join__graph');
      const given = name ? argValue(name, 'name') : undefined;
      if (given?.kind === Kind.STRING) graphNames.set(value.name.value, given.value);
    }
  }
  const graphOf = (d: ConstDirectiveNode) => {
    const v = argValue(d, 'graph');
    return v?.kind === Kind.ENUM ? v.value : null;
  };

  // Per type: the graphs that know it, and per graph the keys it resolves the type by (plain field lists only).
  const typeInfo = new Map<GraphQLNamedType, { graphs: Set<string>; keys: Map<string, string[][]> }>();
  const infoOf = (type: GraphQLNamedType) => {
    let info = typeInfo.get(type);
    if (!info) {
      info = { graphs: new Set(), keys: new Map() };
      for (const d of type.astNode?.directives ?? []) {
        if (d.name.value !== 'join__type') continue;
        const graph = graphOf(d);
        if (!graph) continue;
        info.graphs.add(graph);
        const key = argValue(d, 'key');
        const resolvable = argValue(d, 'resolvable');
        const special = ['extension', 'isInterfaceObject'].some((n) => {
          const v = argValue(d, n);
          return v?.kind === Kind.BOOLEAN && v.value;
        });
        if (key?.kind !== Kind.STRING || !PLAIN_KEY.test(key.value.trim()) || special) continue;
        if (resolvable?.kind === Kind.BOOLEAN && !resolvable.value) continue;
        const keys = info.keys.get(graph) ?? [];
        keys.push(key.value.trim().split(/ +/));
        info.keys.set(graph, keys);
      }
      typeInfo.set(type, info);
    }
    return info;
  };
  const fieldGraphs = new Map<GraphQLField<unknown, unknown>, Set<string>>();
  const graphsOfField = (parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>) => {
    let graphs = fieldGraphs.get(field);
    if (!graphs) {
      const joins = (field.astNode?.directives ?? []).filter((d) => d.name.value === 'join__field');
      if (joins.length === 0) graphs = infoOf(parent).graphs;
      else {
        graphs = new Set();
        for (const join of joins) {
          const plain = !join.arguments?.some((a) => ['external', 'requires', 'provides', 'override', 'usedOverridden'].includes(a.name.value));
          const graph = graphOf(join);
          if (plain && graph) graphs.add(graph);
        }
      }
      fieldGraphs.set(field, graphs);
    }
    return graphs;
  };

  return {
    plan(document, operationName) {
      try {
        return planOperation(document, operationName);
      } catch (error) {
        if (error instanceof NoPlan) return null;
        throw error;
      }
    },
  };

  function planOperation(document: DocumentNode, operationName: string | null | undefined): ComposedPlan {
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation || operation.operation !== 'query' || operation.directives?.length) refuse('not a plain query');
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const variableDefinitions = new Map((operation!.variableDefinitions ?? []).map((v) => [v.variable.name.value, v]));
    if ([...variableDefinitions.keys()].some((v) => v.startsWith(HIDDEN_VARIABLE))) refuse('a variable named like the entities ones');
    const queryType = schema.getQueryType()!;

    /** The fields a selection set selects on `type`, fragments flattened; each response name once. */
    const collect = (set: SelectionSetNode, type: GraphQLObjectType): FieldNode[] => {
      const out: FieldNode[] = [];
      const walk = (s: SelectionSetNode) => {
        for (const selection of s.selections) {
          if (selection.directives?.length) refuse('a directive');
          if (selection.kind === Kind.FIELD) out.push(selection);
          else if (selection.kind === Kind.INLINE_FRAGMENT) {
            if (selection.typeCondition && selection.typeCondition.name.value !== type.name) refuse('a fragment on another type');
            walk(selection.selectionSet);
          } else {
            const fragment = fragments.get(selection.name.value) ?? refuse('an unknown fragment');
            if (fragment.typeCondition.name.value !== type.name || fragment.directives?.length) refuse('a fragment on another type');
            walk(fragment.selectionSet);
          }
        }
      };
      walk(set);
      const seen = new Set<string>();
      for (const f of out) {
        const key = f.alias?.value ?? f.name.value;
        if (seen.has(key) || key.startsWith(HIDDEN)) refuse('a response name twice');
        seen.add(key);
      }
      return out;
    };

    const fieldOf = (parent: GraphQLObjectType, node: FieldNode) => {
      if (node.name.value.startsWith('__')) refuse('introspection');
      const field = parent.getFields()[node.name.value] ?? refuse('an unknown field');
      if (isAbstractType(getNamedType(field.type))) refuse('an abstract type');
      return field as GraphQLField<unknown, unknown>;
    };

    // The client's selection, for the projection.
    const shapeOf = (type: GraphQLOutputType, node: FieldNode): TypeShape => {
      if (isNonNullType(type)) return { kind: 'nonNull', of: shapeOf(type.ofType, node) };
      if (isListType(type)) return { kind: 'list', of: shapeOf(type.ofType, node) };
      if (isObjectType(type)) return objectShape(type, node.selectionSet ?? refuse('an object without selection'));
      return { kind: 'leaf' };
    };
    const objectShape = (type: GraphQLObjectType, set: SelectionSetNode): ObjectShape => ({
      kind: 'object',
      fields: collect(set, type).map((node) => ({
        key: node.alias?.value ?? node.name.value,
        type: node.name.value === '__typename' ? { kind: 'nonNull', of: { kind: 'leaf' } } : shapeOf(fieldOf(type, node).type, node),
      })),
    });
    const shape = objectShape(queryType, operation!.selectionSet);

    interface Draft {
      /** The join__Graph value (PARTIES); its name (parties) once finished. */
      subgraph: string;
      selections: SelectionNode[];
      variables: Set<string>;
      entity?: { path: string[]; typename: string; keys: { field: string; alias: string }[] };
      next: Map<string, Draft>;
    }
    const subgraphs = new Set<string>();
    const draft = (subgraph: string, entity?: Draft['entity']): Draft => {
      subgraphs.add(subgraph);
      return { subgraph, selections: [], variables: new Set(), entity, next: new Map() };
    };
    const useVariables = (node: FieldNode, into: Draft) => {
      for (const argument of node.arguments ?? []) {
        visit(argument.value, {
          Variable(v) {
            into.variables.add(v.name.value);
          },
        });
      }
    };

    /**
     * Plans the fields `nodes` of an object of `type` at `path` in the fetch `owner` (from subgraph `owner.subgraph`),
     * and returns the selections `owner` sends for them; fields of other subgraphs go to child fetches of `owner`.
     */
    const planFields = (type: GraphQLObjectType, nodes: FieldNode[], path: string[], owner: Draft): SelectionNode[] => {
      const selections: SelectionNode[] = [];
      const keysSelected = new Set<string>();
      for (const node of nodes) {
        const key = node.alias?.value ?? node.name.value;
        if (node.name.value === '__typename') {
          selections.push(node);
          continue;
        }
        const field = fieldOf(type, node);
        const graphs = graphsOfField(type, field);
        if (graphs.has(owner.subgraph)) {
          selections.push(planField(field, node, [...path, key], owner));
          continue;
        }
        // Another subgraph's field: `type` must be an entity the owner can name by a key the other resolves.
        let target: string | undefined;
        let keyFields: string[] | undefined;
        for (const graph of graphs) {
          for (const fields of infoOf(type).keys.get(graph) ?? []) {
            const selectable = fields.every((f) => {
              const def = type.getFields()[f];
              return def && !isObjectType(getNamedType(def.type)) && graphsOfField(type, def as GraphQLField<unknown, unknown>).has(owner.subgraph);
            });
            if (selectable) {
              target = graph;
              keyFields = fields;
              break;
            }
          }
          if (target) break;
        }
        if (!target || !keyFields) refuse('a field no key reaches');
        const keys = keyFields!.map((field) => ({ field, alias: `${HIDDEN}${field}` }));
        for (const k of keys) {
          if (keysSelected.has(k.field)) continue;
          keysSelected.add(k.field);
          selections.push({ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: k.alias }, name: { kind: Kind.NAME, value: k.field } });
        }
        const place = `${path.join('.')}\n${target}`;
        let child = owner.next.get(place);
        if (!child) {
          child = draft(target!, { path, typename: type.name, keys });
          owner.next.set(place, child);
        } else if (child.entity!.keys.map((k) => k.field).join(' ') !== keyFields!.join(' ')) refuse('two keys at one place');
        child.selections.push(planField(field, node, [...path, key], child));
      }
      return selections;
    };

    const planField = (field: GraphQLField<unknown, unknown>, node: FieldNode, path: string[], owner: Draft): FieldNode => {
      useVariables(node, owner);
      const named = getNamedType(field.type);
      if (!isObjectType(named)) return { ...node, directives: [], selectionSet: undefined };
      const selections = planFields(named, collect(node.selectionSet!, named), path, owner);
      return { ...node, directives: [], selectionSet: { kind: Kind.SELECTION_SET, selections } };
    };

    const roots = new Map<string, Draft>();
    for (const node of collect(operation!.selectionSet, queryType)) {
      if (node.name.value === '__typename') refuse('__typename at the root');
      const field = fieldOf(queryType, node);
      const graphs = [...graphsOfField(queryType, field)];
      const graph = graphs.find((g) => roots.has(g)) ?? graphs[0] ?? refuse('a root field nobody owns');
      let root = roots.get(graph);
      if (!root) roots.set(graph, (root = draft(graph)));
      root.selections.push(planField(field, node, [node.alias?.value ?? node.name.value], root));
    }
    if (roots.size === 0) refuse('nothing selected');

    const definitionOf = (v: string): VariableDefinitionNode => variableDefinitions.get(v) ?? refuse('an undefined variable');
    const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
    const anyList = {
      kind: Kind.NON_NULL_TYPE,
      type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('_Any') } } },
    } as const;
    const query = (variables: VariableDefinitionNode[], selections: SelectionNode[]) =>
      JSON.stringify(
        stripIgnoredCharacters(
          print({
            kind: Kind.DOCUMENT,
            definitions: [
              {
                kind: Kind.OPERATION_DEFINITION,
                operation: 'query' as OperationDefinitionNode['operation'],
                variableDefinitions: variables,
                selectionSet: { kind: Kind.SELECTION_SET, selections },
              },
            ],
          }),
        ),
      );
    /**
     * The entity fetches of one stage, one request per subgraph (as the gateway batches them): each place's `_entities`
     * under its own alias with its own representations, so that the subgraph's loaders read the rows of every place
     * at once.
     */
    const group = (drafts: Draft[]): Fetch[] => {
      const bySubgraph = new Map<string, Draft[]>();
      for (const d of drafts) bySubgraph.set(d.subgraph, [...(bySubgraph.get(d.subgraph) ?? []), d]);
      return [...bySubgraph].map(([subgraph, parts]) => {
        const variables = new Set(parts.flatMap((p) => [...p.variables]));
        const definitions: VariableDefinitionNode[] = parts.map((_, i) => ({
          kind: Kind.VARIABLE_DEFINITION,
          variable: { kind: Kind.VARIABLE, name: name(`${HIDDEN_VARIABLE}${i}`) },
          type: anyList,
        }));
        const selections: SelectionNode[] = parts.map((p, i) => ({
          kind: Kind.FIELD,
          alias: name(`${HIDDEN_ENTITIES}${i}`),
          name: name('_entities'),
          arguments: [{ kind: Kind.ARGUMENT, name: name('representations'), value: { kind: Kind.VARIABLE, name: name(`${HIDDEN_VARIABLE}${i}`) } }],
          selectionSet: {
            kind: Kind.SELECTION_SET,
            selections: [
              {
                kind: Kind.INLINE_FRAGMENT,
                typeCondition: { kind: Kind.NAMED_TYPE, name: name(p.entity!.typename) },
                selectionSet: { kind: Kind.SELECTION_SET, selections: p.selections },
              },
            ],
          },
        }));
        return {
          subgraph: graphNames.get(subgraph) ?? refuse('an unknown graph'),
          queryJson: query([...definitions, ...[...variables].map(definitionOf)], selections),
          variables: [...variables],
          entities: parts.map((p, i) => ({ ...p.entity!, alias: `${HIDDEN_ENTITIES}${i}`, variable: `${HIDDEN_VARIABLE}${i}` })),
        };
      });
    };
    const finish = (d: Draft): Fetch => ({
      subgraph: graphNames.get(d.subgraph) ?? refuse('an unknown graph'),
      queryJson: query([...d.variables].map(definitionOf), d.selections),
      variables: [...d.variables],
    });
    // One subgraph answering everything is single-subgraph.ts's case, not a composition.
    if (subgraphs.size < 2) refuse('one subgraph');
    const stages: Fetch[][] = [[...roots.values()].map(finish)];
    for (let waiting = [...roots.values()].flatMap((d) => [...d.next.values()]); waiting.length;) {
      stages.push(group(waiting));
      waiting = waiting.flatMap((d) => [...d.next.values()]);
    }
    return {
      stages,
      shape,
      subgraphs: new Set([...subgraphs].map((g) => graphNames.get(g) ?? refuse('an unknown graph'))),
    };
  }
}

/** The objects at `path` in the merged tree (lists walked through, nulls skipped). */
export function objectsAt(tree: Record<string, unknown>, path: string[]): Record<string, unknown>[] {
  let current: unknown[] = [tree];
  for (const key of path) {
    const next: unknown[] = [];
    const add = (v: unknown) => {
      if (Array.isArray(v)) for (const x of v) add(x);
      else if (v !== null && v !== undefined) next.push(v);
    };
    for (const o of current) add((o as Record<string, unknown>)[key]);
    current = next;
  }
  return current as Record<string, unknown>[];
}

export const INVALID = Symbol('invalid');

/** The client's answer: the merged tree in the operation's order and names; INVALID where a value is missing or a non-null one is null. */
export function project(value: unknown, shape: TypeShape): unknown {
  switch (shape.kind) {
    case 'nonNull':
      return value === null || value === undefined ? INVALID : project(value, shape.of);
    case 'list': {
      if (value === null) return null;
      if (!Array.isArray(value)) return INVALID;
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        const v = project(value[i], shape.of);
        if (v === INVALID) return INVALID;
        out[i] = v;
      }
      return out;
    }
    case 'leaf':
      return value === undefined ? INVALID : value;
    case 'object': {
      if (value === null) return null;
      if (typeof value !== 'object' || value === undefined) return INVALID;
      const out: Record<string, unknown> = {};
      for (const f of shape.fields) {
        const v = project((value as Record<string, unknown>)[f.key], f.type);
        if (v === INVALID) return INVALID;
        out[f.key] = v;
      }
      return out;
    }
  }
}
