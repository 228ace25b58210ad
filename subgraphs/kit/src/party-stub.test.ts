import 'reflect-metadata';
import { printType, type GraphQLObjectType } from 'graphql';
import { buildSchema, Directive, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { createPartyStubType, partyStub, type PartyStub } from './party-stub';

const build = (resolver: NonNullable<Parameters<typeof buildSchema>[0]['resolvers']>[number]) =>
  buildSchema({ resolvers: [resolver], validate: false, skipCheck: true, emitSchemaFile: false });
const party = (schema: Awaited<ReturnType<typeof build>>) => schema.getType('Party') as GraphQLObjectType;

describe('the Party entity stub', () => {
  it('gives each subgraph its own class, so one subgraph’s fields stay out of another’s schema', async () => {
    const First = createPartyStubType();
    const Second = createPartyStubType();

    @Resolver(() => First)
    class FirstResolver {
      @Query(() => First) first(): PartyStub {
        return partyStub('a');
      }
      @FieldResolver(() => String) firstField(@Root() p: PartyStub): string {
        return p.id;
      }
    }
    @Resolver(() => Second)
    class SecondResolver {
      @Query(() => Second) second(): PartyStub {
        return partyStub('b');
      }
      @FieldResolver(() => String) secondField(@Root() p: PartyStub): string {
        return p.id;
      }
    }

    expect(Object.keys(party(await build(FirstResolver)).getFields())).toEqual(['id', 'firstField']);
    expect(Object.keys(party(await build(SecondResolver)).getFields())).toEqual(['id', 'secondField']);
    expect(party(await build(SecondResolver)).description).toBe('A person or an organisation (main unit or subunit).');
  });

  it('is needed: one class shared by two schemas carries the first one’s field resolvers into the second', async () => {
    @ObjectType('SharedParty')
    @Directive('@key(fields: "id")')
    class Shared {
      @Field(() => ID) id!: string;
    }
    @Resolver(() => Shared)
    class One {
      @Query(() => Shared) one(): PartyStub {
        return partyStub('a');
      }
      @FieldResolver(() => String) fromOne(@Root() p: PartyStub): string {
        return p.id;
      }
    }
    @Resolver(() => Shared)
    class Two {
      @Query(() => Shared) two(): PartyStub {
        return partyStub('b');
      }
      @FieldResolver(() => String) fromTwo(@Root() p: PartyStub): string {
        return p.id;
      }
    }
    await build(One);
    const second = (await build(Two)).getType('SharedParty') as GraphQLObjectType;
    expect(printType(second)).toContain('fromOne');
  });
});
