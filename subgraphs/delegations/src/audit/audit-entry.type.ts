import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver, JSONResolver } from '@hub/kit';

/** One change to a delegation or access request, as `audit_log` keeps it. */
@ObjectType({ description: 'One change to a delegation or an access request, with the row before and after.' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeResolver)
  at!: Date;

  @Field(() => String, {
    description:
      'DELEGATION_CREATED, DELEGATION_REVOKED, ACCESS_REQUEST_CREATED, ACCESS_REQUEST_APPROVED, ACCESS_REQUEST_REJECTED or ACCESS_REQUEST_WITHDRAWN.',
  })
  action!: string;

  @Field(() => String, { description: 'DELEGATION or ACCESS_REQUEST.' })
  entityType!: string;

  @Field(() => ID)
  entityId!: string;

  @Field(() => JSONResolver, { nullable: true, description: 'The row before the change; null when it was created.' })
  before!: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'The row after the change.' })
  after!: unknown;
}
