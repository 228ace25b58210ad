import { Field, ObjectType } from 'type-graphql';
import { DecisionReason } from '../authorization/decision.type';
import { Party, type PartyRef } from '../party/party.type';

@ObjectType({ description: 'A party the viewer may act for, and the paths that let it.' })
export class AuthorizedParty {
  @Field(() => Party)
  party!: PartyRef;

  @Field(() => [DecisionReason], {
    description: 'Roles held (ROLE, role urn), delegations received (DELEGATION, id) and powers of attorney (POWER_OF_ATTORNEY, id, with its area).',
  })
  reasons!: DecisionReason[];

  @Field(() => Party, { nullable: true, description: 'Set when the access comes through this main unit (the party is its subunit).' })
  viaMainUnit!: PartyRef | null;
}
