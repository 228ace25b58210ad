import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { describe, expect, it } from 'vitest';
import { maskError } from '@hub/kit';
import { allow, createPermissions, or, rule } from './shield';

/** What postgres.js throws while the server restarts (a fast shutdown ends every session with 57P01). */
const adminShutdown = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

const databaseDown = rule('databaseDown')(async () => {
  throw adminShutdown();
});
const databaseRefused = rule('databaseRefused')(async () => {
  // Drizzle wraps the driver's error in its own.
  throw Object.assign(new Error('Failed query: select ...'), { cause: refused() });
});
const buggy = rule('buggy')(async () => {
  throw new TypeError("Cannot read properties of undefined (reading 'id')");
});
const no = rule('no')(async () => false);

const fields = ['down', 'refused', 'either', 'buggy', 'refusedByRule', 'open'];
const schema = applyMiddleware(
  new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        // The federation fields every subgraph schema has (the kit opens them).
        _service: { type: new GraphQLObjectType({ name: '_Service', fields: { sdl: { type: GraphQLString } } }) },
        _entities: { type: GraphQLString },
        ...Object.fromEntries(fields.map((name) => [name, { type: GraphQLString, resolve: () => 'x' }])),
      },
    }),
  }),
  createPermissions({
    Query: { down: databaseDown, refused: databaseRefused, either: or(databaseDown, no), buggy, refusedByRule: no, open: allow },
  }),
);

async function codes(query: string) {
  const result = await graphql({ schema, source: query, contextValue: {} });
  const masked = (result.errors ?? []).map((e) => maskError(e.toJSON(), e, () => {}));
  return { data: result.data, codes: Object.fromEntries(masked.map((e) => [String(e.path?.[0]), e.extensions?.code])), masked };
}

describe('permission rules whose database call fails', () => {
  it('answer UNAVAILABLE with a retry time, never FORBIDDEN', async () => {
    const { codes: byField, masked, data } = await codes('{ down refused either open }');
    expect(byField).toEqual({ down: 'UNAVAILABLE', refused: 'UNAVAILABLE', either: 'UNAVAILABLE' });
    expect(data).toEqual({ down: null, refused: null, either: null, open: 'x' });
    for (const error of masked) {
      expect(error.extensions).toMatchObject({ retryAfter: expect.any(Number), retryAt: expect.any(String) });
      expect(Date.parse(error.extensions!.retryAt as string)).toBeGreaterThan(Date.now() - 1000);
    }
  });

  it('answer INTERNAL when a rule fails for any other reason', async () => {
    expect((await codes('{ buggy }')).codes).toEqual({ buggy: 'INTERNAL' });
  });

  it('still refuse with FORBIDDEN when a rule says no', async () => {
    expect((await codes('{ refusedByRule }')).codes).toEqual({ refusedByRule: 'FORBIDDEN' });
  });
});
