import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from '@hub/kit';

export enum AccessRequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(AccessRequestStatus, {
  name: 'AccessRequestStatus',
  description: 'PENDING until an administrator of `from` approves or rejects it, or the requester withdraws it.',
});

/** Graph fields that point elsewhere (`from`, `requester`, `resource`, `package`, `decidedBy`, `delegation`) resolve in the resolver. */
@ObjectType({ description: 'A person asks a party for access ("be om tilgang"); its administrators approve or reject.' })
@Directive('@key(fields: "id")')
export class AccessRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => AccessRequestStatus)
  status!: AccessRequestStatus;

  @Field(() => [String], { nullable: true, description: 'With a resource: the actions asked for.' })
  actions!: string[] | null;

  @Field(() => String, { nullable: true, description: 'The requester’s words to the approvers.' })
  message!: string | null;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  decidedAt!: Date | null;
}
