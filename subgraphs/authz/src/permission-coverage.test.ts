import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { permissionCoverage } from './permission-coverage';
import { allow, deny, isAuthenticated } from './shield';

const schema = buildSubgraphSchema([
  {
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
      type Query { party(id: ID!): Party  search: [Party!]! }
      type Party @key(fields: "id") { id: ID! name: String  secret: String }
      type Page { size: Int! }
      type Unused { x: Int }
    `),
    resolvers: {},
  },
]);

describe('permissionCoverage', () => {
  it('reports each field no rule names, type by type', () => {
    const coverage = permissionCoverage(schema, { Query: { party: isAuthenticated }, Party: { id: allow, name: allow }, Page: deny });
    expect(coverage.unguarded).toEqual(['Party.secret', 'Query.search', 'Unused.x']);
    expect(coverage.stale).toEqual([]);
  });

  it('counts a whole-type rule and a wildcard as covering every field, and federation’s own fields as covered', () => {
    const coverage = permissionCoverage(schema, {
      Query: { party: isAuthenticated, search: isAuthenticated },
      Party: { '*': isAuthenticated },
      Page: isAuthenticated,
      Unused: deny,
    });
    expect(coverage).toEqual({ unguarded: [], stale: [] });
  });

  it('reports rules for types and fields the schema does not have', () => {
    const coverage = permissionCoverage(schema, {
      Query: { party: allow, search: allow, parties: allow },
      Party: allow,
      Page: allow,
      Unused: allow,
      Gone: allow,
    });
    expect(coverage.stale).toEqual(['Gone', 'Query.parties']);
  });
});
