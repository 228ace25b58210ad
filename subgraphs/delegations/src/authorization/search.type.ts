import { Field, ObjectType } from 'type-graphql';
import { Party, type PartyRef } from '../party/party.type';
import { DecisionReason, Obligations } from './decision.type';

@ObjectType({ description: 'Someone the decision point permits the asked action, with the paths (a PERMIT of `authorize`).' })
export class AuthorizedSubject {
  @Field(() => Party)
  subject!: PartyRef;

  @Field(() => [DecisionReason])
  reasons!: DecisionReason[];

  @Field(() => Obligations)
  obligations!: Obligations;
}

@ObjectType({ description: 'A resource the subject may use for a party, with the paths (a PERMIT of `authorize`).' })
export class AuthorizedResource {
  @Field(() => Party, { description: 'The party the subject acts for (itself included).' })
  party!: PartyRef;

  @Field(() => String, { description: 'The resource id.' })
  resource!: string;

  @Field(() => [DecisionReason])
  reasons!: DecisionReason[];

  @Field(() => Obligations)
  obligations!: Obligations;
}
