import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH } from '@hub/schema/paths';
import { singleSubgraphPlanner } from './single-subgraph';

const planner = singleSubgraphPlanner(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const of = (query: string, operationName?: string) => planner.subgraphOf(parse(query), operationName);

describe('which subgraph answers a query alone', () => {
  it('names the one subgraph of a query whose every field it serves', () => {
    expect(of('query P($u: String!) { party(urn: $u) { urn name parent { urn } subunits { urn name } } }')).toBe('parties');
    expect(of('query A($r: [AuthorizationRequestInput!]!) { authorize(requests: $r) { decision reasons { source via } } }')).toBe('delegations');
    expect(of('{ p: party(urn: "x") { ...F __typename } } fragment F on Party { name }')).toBe('parties');
  });

  it('refuses a query that needs a second subgraph, also through a fragment', () => {
    expect(of('{ me { urn rolesHeld { role { code } } } }')).toBeNull();
    expect(of('{ party(urn: "x") { ...F } } fragment F on Party { rolesHeld { role { code } } }')).toBeNull();
  });

  it('refuses mutations, introspection, @defer and an operation it cannot pick', () => {
    expect(of('mutation R($id: ID!) { revokeConsent(id: $id) { status } }')).toBeNull();
    expect(of('{ __schema { queryType { name } } }')).toBeNull();
    expect(of('{ __type(name: "Party") { name } }')).toBeNull();
    expect(of('{ __typename }')).toBeNull();
    expect(of('{ party(urn: "x") { ... @defer { name } } }')).toBeNull();
    expect(of('query A { party(urn: "x") { name } } query B { party(urn: "y") { name } }')).toBeNull();
    expect(of('query A { party(urn: "x") { name } } query B { party(urn: "y") { name } }', 'B')).toBe('parties');
  });
});
