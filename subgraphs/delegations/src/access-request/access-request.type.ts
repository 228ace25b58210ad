import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { accessRequestStatus } from '@hub/db/delegations';
import { DateTimeResolver, enumOf } from '@hub/kit';

export const AccessRequestStatus = enumOf(accessRequestStatus.enumValues);
export type AccessRequestStatus = (typeof AccessRequestStatus)[keyof typeof AccessRequestStatus];
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
