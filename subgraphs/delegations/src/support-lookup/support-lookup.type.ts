import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver } from '@hub/kit';
import { Party, type PartyRef } from '../party/party.type';

/**
 * One support lookup, as support staff see it: the logged row, and under it the party's access. Every field is
 * read through the row (see `mayReadThroughLookup`); the consents subgraph adds the party's consents to the same
 * entity. Resolvers in support-lookup.resolver.ts.
 */
@ObjectType({
  description:
    'A logged support lookup of one party: the case it was made under, and the party’s access as of now. Only for the support organisation that made it, for a few minutes.',
})
@Directive('@key(fields: "id")')
export class SupportLookup {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeResolver, { description: 'When the lookup was logged.' })
  at!: Date;

  @Field(() => String, { description: 'The support case (YYYY-NNNN).' })
  caseNumber!: string;

  @Field(() => String, { nullable: true, description: 'The free text given with the case number.' })
  reason!: string | null;
}

@ObjectType({ description: 'A role one party holds for another, from a register (ER, FREG) or Altinn.' })
export class SupportRoleAssignment {
  @Field(() => String, { description: 'The role code, e.g. DAGL, REGN, or a guardianship role.' })
  roleCode!: string;

  @Field(() => String)
  roleUrn!: string;

  @Field(() => Party, { description: 'For whom the role is held.' })
  from!: PartyRef;

  @Field(() => Party, { description: 'Who holds the role.' })
  to!: PartyRef;
}

@ObjectType({ description: 'An active delegation as support staff see it: who gave what to whom, until when.' })
export class SupportDelegation {
  @Field(() => ID)
  id!: string;

  @Field(() => Party)
  from!: PartyRef;

  @Field(() => Party)
  to!: PartyRef;

  @Field(() => String, { nullable: true, description: 'The resource given (with `actions`); null for a package.' })
  resource!: string | null;

  @Field(() => String, { nullable: true, description: 'The access package given; null for a resource.' })
  packageUrn!: string | null;

  @Field(() => [String], { nullable: true })
  actions!: string[] | null;

  @Field(() => DateTimeResolver, { nullable: true })
  validTo!: Date | null;

  @Field(() => DateTimeResolver)
  createdAt!: Date;
}

/** One line of a party's own record of support lookups: when, under which case, by whom. */
@ObjectType({ description: 'A support lookup of this party’s access and consents: when, by whom, under which case.' })
export class SupportLookupRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeResolver)
  at!: Date;

  @Field(() => String, { description: 'The support case (YYYY-NNNN).' })
  caseNumber!: string;

  @Field(() => String, { nullable: true, description: 'The free text support gave with the case number.' })
  reason!: string | null;

  @Field(() => Party, { description: 'The support organisation that looked (Altinn brukerservice).' })
  lookedUpBy!: PartyRef;
}
