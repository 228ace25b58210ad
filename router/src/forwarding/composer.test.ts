import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH } from '@hub/schema/paths';
import { composerPlanner, INVALID, objectsAt, project, type Fetch } from './composer';

const planner = composerPlanner(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const plan = (query: string, operationName?: string) => planner.plan(parse(query), operationName);
/** A plan as text: each fetch's subgraph, place and query, children indented. */
const outline = (stages: Fetch[][]): string[] =>
  stages.flatMap((fetches, depth) =>
    fetches.map(
      (f) =>
        `${' '.repeat(2 * depth)}${f.subgraph}${f.entities ? ` @${f.entities.map((e) => e.path.join('.')).join(' @')}` : ''}: ${JSON.parse(f.queryJson) as string}`,
    ),
  );

describe('plans for queries several subgraphs answer', () => {
  it('fetches the root, then each other subgraph’s fields by the entity key, then the parties they name in one request', () => {
    const p = plan('query MeThree { me { urn rolesHeld { role { code } from { urn } } consentsGiven { id to { urn } } } }');
    expect(p && outline(p.stages)).toEqual([
      'parties: {me{urn _hub_key_id:id}}',
      '  roles @me: query($_hub_r0:[_Any!]!){_hub_e0:_entities(representations:$_hub_r0){...on Party{rolesHeld{role{code}from{_hub_key_id:id}}}}}',
      '  consents @me: query($_hub_r0:[_Any!]!){_hub_e0:_entities(representations:$_hub_r0){...on Party{consentsGiven{id to{_hub_key_id:id}}}}}',
      '    parties @me.rolesHeld.from @me.consentsGiven.to: query($_hub_r0:[_Any!]!$_hub_r1:[_Any!]!){_hub_e0:_entities(representations:$_hub_r0){...on Party{urn}}_hub_e1:_entities(representations:$_hub_r1){...on Party{urn}}}',
    ]);
    expect([...p!.subgraphs].sort()).toEqual(['consents', 'parties', 'roles']);
  });

  it('asks a subgraph once for the places that wait for the same fetch, each under its own alias', () => {
    const p = plan('{ me { urn consentsReceived { from { name } events { type performedBy { urn } } } } }');
    expect(p && outline(p.stages)).toEqual([
      'parties: {me{urn _hub_key_id:id}}',
      '  consents @me: query($_hub_r0:[_Any!]!){_hub_e0:_entities(representations:$_hub_r0){...on Party{consentsReceived{from{_hub_key_id:id}events{type performedBy{_hub_key_id:id}}}}}}',
      '    parties @me.consentsReceived.from @me.consentsReceived.events.performedBy: query($_hub_r0:[_Any!]!$_hub_r1:[_Any!]!){_hub_e0:_entities(representations:$_hub_r0){...on Party{name}}_hub_e1:_entities(representations:$_hub_r1){...on Party{urn}}}',
    ]);
    expect(plan('query($_hub_r0: Int) { me { urn rolesHeld { role { code } } } }')).toBeNull();
  });

  it('keeps aliases, flattens fragments on the same type and passes each fetch only the variables it uses', () => {
    const p = plan(
      'query Q($u: String!, $n: Int!) { who: party(urn: $u) { ...P held: rolesHeld { role { code } } } } fragment P on Party { name delegationsReceived(first: $n) { id } }',
    );
    expect(p && outline(p.stages)).toEqual([
      'parties: query($u:String!){who:party(urn:$u){name _hub_key_id:id}}',
      '  delegations @who: query($_hub_r0:[_Any!]!$n:Int!){_hub_e0:_entities(representations:$_hub_r0){...on Party{delegationsReceived(first:$n){id}}}}',
      '  roles @who: query($_hub_r0:[_Any!]!){_hub_e0:_entities(representations:$_hub_r0){...on Party{held:rolesHeld{role{code}}}}}',
    ]);
    expect(p!.stages[0]![0]!.variables).toEqual(['u']);
    expect(p!.stages[1]![0]!.variables).toEqual(['n']);
  });

  it('gives no plan where the gateway must plan: one subgraph, a mutation, directives, abstract types, introspection, a name twice', () => {
    expect(plan('{ me { urn name } }')).toBeNull();
    expect(plan('mutation { revokeDelegation(id: "x") { id } }')).toBeNull();
    expect(plan('query($s: Boolean!) { me { urn rolesHeld @include(if: $s) { role { code } } } }')).toBeNull();
    expect(plan('{ me { urn ... on Party @skip(if: true) { rolesHeld { role { code } } } } }')).toBeNull();
    expect(plan('{ me { urn rolesHeld { role { code } } } __schema { queryType { name } } }')).toBeNull();
    expect(plan('{ me { urn rolesHeld { role { code } } } } ')).not.toBeNull();
    expect(plan('{ me { urn urn rolesHeld { role { code } } } }')).toBeNull();
    expect(plan('{ me { urn _hub_key_id: name rolesHeld { role { code } } } }')).toBeNull();
    expect(plan('query A { me { urn } } query B { me { urn rolesHeld { role { code } } } }')).toBeNull();
    expect(plan('query A { me { urn } } query B { me { urn rolesHeld { role { code } } } }', 'B')).not.toBeNull();
  });
});

describe('merging and projecting', () => {
  it('finds the objects at a place through lists, skipping nulls', () => {
    const tree = { me: { held: [{ from: { id: 1 } }, { from: null }, { from: { id: 2 } }] } };
    expect(objectsAt(tree, ['me', 'held', 'from'])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(objectsAt({ me: null }, ['me', 'held'])).toEqual([]);
  });

  it('projects onto the client’s order and names, and refuses a missing value or a null where none may be', () => {
    const shape = {
      kind: 'object' as const,
      fields: [
        { key: 'b', type: { kind: 'nonNull' as const, of: { kind: 'leaf' as const } } },
        { key: 'a', type: { kind: 'list' as const, of: { kind: 'nonNull' as const, of: { kind: 'leaf' as const } } } },
      ],
    };
    expect(JSON.stringify(project({ a: [1, 2], _hub_key_id: 'x', b: 'B' }, shape))).toBe('{"b":"B","a":[1,2]}');
    expect(project({ a: null, b: 'B' }, shape)).toEqual({ b: 'B', a: null });
    expect(project({ a: [1], b: null }, shape)).toBe(INVALID);
    expect(project({ a: [1, null], b: 'B' }, shape)).toBe(INVALID);
    expect(project({ b: 'B' }, shape)).toBe(INVALID);
  });
});
