import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver } from '@hub/kit';
import { ConsentStatus } from '../consent/consent.type';
import { Party, type PartyRef } from '../party/party.type';

/**
 * The delegations subgraph's logged support lookup (it owns the log and the `supportLookup` mutation); this subgraph
 * adds the looked-up party's consents to it. Resolvers in support-lookup.resolver.ts.
 */
@ObjectType({ description: 'A logged support lookup of one party (see the supportLookup mutation).' })
@Directive('@key(fields: "id")')
export class SupportLookup {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'A consent request to the looked-up party, as support staff see it: who asked, for what, where it stands.' })
export class SupportConsent {
  @Field(() => ID)
  id!: string;

  @Field(() => ConsentStatus, { description: 'As of now (EXPIRED once past validTo).' })
  status!: ConsentStatus;

  @Field(() => Party, { description: 'The organisation that asked.' })
  to!: PartyRef;

  @Field(() => Party, { nullable: true, description: 'The supplier handling the request for `to`, if any.' })
  handledBy!: PartyRef | null;

  @Field(() => [String], { description: 'The resources of the rights asked for, in order.' })
  resources!: string[];

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  answeredAt!: Date | null;

  @Field(() => DateTimeResolver)
  validTo!: Date;
}
