import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver } from '@hub/kit';

/**
 * `from` gives `to` one resource's actions or a whole access package, until `validTo` if set. The graph fields
 * `from`, `to`, `resource`, `package`, `createdBy`, `revokedBy` and `facilitator` resolve in delegation.resolver.ts.
 */
@ObjectType({ description: 'A right given by one party to another: one resource’s actions, or a whole access package.' })
@Directive('@key(fields: "id")')
export class Delegation {
  @Field(() => ID)
  id!: string;

  @Field(() => [String], { nullable: true, description: 'The resource’s actions given; null for a package.' })
  actions!: string[] | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it stops counting; null: until revoked.' })
  validTo!: Date | null;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was revoked; it stopped counting at once.' })
  revokedAt!: Date | null;
}
