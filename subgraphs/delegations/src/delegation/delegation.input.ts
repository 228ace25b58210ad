import { Field, InputType } from 'type-graphql';
import { DateTimeResolver } from '@hub/kit';

@InputType({ description: 'Exactly one of resource (with actions) or package. Party references are URNs.' })
export class DelegateInput {
  @Field(() => String, { description: 'The party the right is given on behalf of; the viewer administers it.' })
  from!: string;

  @Field(() => String, { description: 'Who receives it.' })
  to!: string;

  @Field(() => String, { nullable: true, description: 'A resource id (ske-mva-melding); needs actions.' })
  resource?: string | null;

  @Field(() => String, { nullable: true, description: 'An access package urn; takes no actions.' })
  package?: string | null;

  @Field(() => [String], { nullable: true, description: 'With a resource: which of its actions.' })
  actions?: string[] | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'In the future; absent: until revoked.' })
  validTo?: Date | null;
}
