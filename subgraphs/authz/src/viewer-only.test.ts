import 'reflect-metadata';
import { graphql, isObjectType } from 'graphql';
import { Directive, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildSubgraph } from '@hub/kit';
import { allow, and, createPermissions, isAuthenticated, rule, viewerOnlyFields } from './shield';

// An entity, as in every subgraph (federation's `_entities` exists only then).
@Directive('@key(fields: "name")')
@ObjectType()
class Thing {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  secret!: string;
}

@Resolver()
class ThingResolver {
  @Query(() => Thing)
  open(): Thing {
    return { name: 'open', secret: 's' };
  }

  @Query(() => Thing)
  guarded(): Thing {
    return { name: 'guarded', secret: 's' };
  }
}

const never = rule('never')(() => false);
const rules = {
  Query: { open: allow, guarded: and(isAuthenticated, allow) },
  Thing: { name: isAuthenticated, secret: and(isAuthenticated, never) },
};

describe('fields whose only rule is a logged-in viewer', () => {
  it('are named by type and field, a whole type when all of it is', () => {
    expect(viewerOnlyFields(rules)).toEqual(new Map([['Thing', new Set(['name'])]]));
    expect(viewerOnlyFields({ A: { '*': isAuthenticated }, B: isAuthenticated, C: { '*': isAuthenticated, x: never } })).toEqual(
      new Map<string, unknown>([
        ['A', '*'],
        ['B', '*'],
      ]),
    );
  });

  it('are checked in line, synchronously, with the same refusal; other rules still run', async () => {
    const schema = await buildSubgraph({
      resolvers: [ThingResolver],
      referenceResolvers: { Thing: { __resolveReference: (ref: { name: string }) => ({ name: ref.name, secret: 's' }) } },
      permissions: createPermissions(rules),
    });
    const thing = schema.getType('Thing');
    if (!isObjectType(thing)) throw new Error('no Thing');
    const viewer = { kind: 'person', scopes: [] };
    // Synchronous: a plain value, not a promise.
    expect(thing.getFields().name!.resolve!({ name: 'n' }, {}, { viewer }, {} as never)).toBe('n');
    expect(() => thing.getFields().name!.resolve!({ name: 'n' }, {}, {}, {} as never)).toThrow(/Log in first/);

    const run = async (source: string, contextValue: object) => {
      const result = await graphql({ schema, source, contextValue });
      return { data: result.data, codes: (result.errors ?? []).map((e) => `${e.path?.join('.')}:${String(e.extensions?.code)}`).sort() };
    };
    expect(await run('{ open { name } }', { viewer })).toEqual({ data: { open: { name: 'open' } }, codes: [] });
    expect(await run('{ open { name } }', {})).toEqual({ data: null, codes: ['open.name:UNAUTHENTICATED'] });
    expect((await run('{ guarded { name secret } }', { viewer })).codes).toEqual(['guarded.secret:FORBIDDEN']);
  });
});
