import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** What a subgraph other than parties knows of a party: its id. The parties subgraph owns every other field. */
export interface PartyStub {
  id: string;
}

export const partyStub = (id: string): PartyStub => ({ id });

/**
 * A subgraph's `Party` entity stub: `Party @key(fields: "id") { id }`, extended by that subgraph's field resolvers.
 *
 * One definition, but a new class for each subgraph, made once in its `party/party.type.ts`: type-graphql keeps the
 * fields a `@FieldResolver` adds on the class's metadata, shared by every schema built in the process, so one class
 * shared by two subgraphs would carry the first one's fields into the second's schema (`party-stub.test.ts`).
 */
export function createPartyStubType() {
  @ObjectType('Party', { description: 'A person or an organisation (main unit or subunit).' })
  @Directive('@key(fields: "id")')
  class Party implements PartyStub {
    @Field(() => ID, { description: 'The party uuid (also reachable as urn:altinn:party:uuid:<id>).' })
    id!: string;
  }
  return Party;
}
