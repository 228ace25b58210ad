import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { describe, expect, it } from 'vitest';
import { maskError } from '@hub/kit';
import { allow, createPermissions, isOrganization, isPerson, or, rule } from './shield';

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
/** A subgraph-like schema: the federation fields every subgraph has (the kit opens them), and these string fields under `rules`. */
function guardedSchema(values: Record<string, string>, rules: Parameters<typeof createPermissions>[0]) {
  return applyMiddleware(
    new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          _service: { type: new GraphQLObjectType({ name: '_Service', fields: { sdl: { type: GraphQLString } } }) },
          _entities: { type: GraphQLString },
          ...Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { type: GraphQLString, resolve: () => value }])),
        },
      }),
    }),
    createPermissions(rules),
  );
}

const schema = guardedSchema(Object.fromEntries(fields.map((name) => [name, 'x'])), {
  Query: { down: databaseDown, refused: databaseRefused, either: or(databaseDown, no), buggy, refusedByRule: no, open: allow },
});

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

describe('the shared viewer-kind rules', () => {
  const kinds = guardedSchema({ person: 'p', organization: 'o' }, { Query: { person: isPerson, organization: isOrganization } });
  const ask = async (field: string, viewer: { kind: string } | null) => {
    const result = await graphql({ schema: kinds, source: `{ ${field} }`, contextValue: { viewer } });
    const error = result.errors?.[0];
    return error ? { code: error.extensions.code, message: error.message } : { value: result.data?.[field] };
  };

  it('let the right kind through, and refuse the other kind saying which kind may, and nobody with UNAUTHENTICATED', async () => {
    expect(await ask('person', { kind: 'person' })).toEqual({ value: 'p' });
    expect(await ask('organization', { kind: 'organization' })).toEqual({ value: 'o' });
    expect(await ask('person', { kind: 'organization' })).toEqual({
      code: 'FORBIDDEN',
      message: 'Only a person (an ID-porten-like token) may do this.',
    });
    expect(await ask('organization', { kind: 'person' })).toEqual({
      code: 'FORBIDDEN',
      message: 'Only an organisation (a Maskinporten-like token) may do this.',
    });
    expect(await ask('person', null)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
