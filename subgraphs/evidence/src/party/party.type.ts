import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** What this subgraph knows of a party: its id. The parties subgraph owns every other field. */
export interface PartyRef {
  id: string;
}

export const partyRef = (id: string): PartyRef => ({ id });

@ObjectType({ description: 'A person or an organisation (main unit or subunit).' })
@Directive('@key(fields: "id")')
export class Party implements PartyRef {
  @Field(() => ID, { description: 'The party uuid (also reachable as urn:altinn:party:uuid:<id>).' })
  id!: string;
}
