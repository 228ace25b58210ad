import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { consentStatus } from '@hub/db/consents';
import { DateTimeResolver, JSONResolver, enumOf } from '@hub/kit';
import type { consentRequests, consentRights } from '@hub/db/consents';

export type ConsentRow = typeof consentRequests.$inferSelect;
export type ConsentRightRow = typeof consentRights.$inferSelect;

export const ConsentStatus = enumOf([...consentStatus.enumValues, 'EXPIRED']);
export type ConsentStatus = (typeof ConsentStatus)[keyof typeof ConsentStatus];
registerEnumType(ConsentStatus, {
  name: 'ConsentStatus',
  description:
    'CREATED: waiting for an answer; ACCEPTED; REJECTED; REVOKED: withdrawn after acceptance; DELETED: withdrawn by the requester ' +
    'before an answer; EXPIRED: past validTo while CREATED or ACCEPTED (computed when read, never stored); USED: a one-time consent after its use.',
});

/** A data consumer (`to`) asks `from` for consent to use data. Fields without a resolver here are the row's. */
@ObjectType({ description: 'A request for consent and, once accepted, the consent itself.' })
@Directive('@key(fields: "id")')
export class ConsentRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeResolver, { description: 'Until when the consent holds; past it the status reads EXPIRED.' })
  validTo!: Date;

  @Field(() => String, { nullable: true, description: 'The requester’s explanation to the person asked (at most 1000 characters).' })
  requestMessage!: string | null;

  @Field(() => String, { description: 'Where the person is sent back after answering.' })
  redirectUrl!: string;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was accepted or rejected.' })
  answeredAt!: Date | null;
}

@ObjectType({ description: 'One right a consent covers: an action on a consent resource, with metadata such as the income year.' })
export class ConsentRight {
  @Field(() => String, { description: 'The action on the resource whoever answers for the party must hold: consent.' })
  action!: string;

  @Field(() => [String], {
    description: 'What the consent lets its recipient do: ["consent"] (fetch the data), or acts such as ["sign"] or ["sign","submit"].',
  })
  actions!: string[];

  @Field(() => JSONResolver, { nullable: true, description: 'The resource’s metadata keys with string values, e.g. {"inntektsaar":"2024"}.' })
  metadata!: Record<string, string>;

  @Field(() => Boolean, { description: 'Delivered once (through one token), where the other rights hold until validTo.' })
  oneTime!: boolean;

  @Field(() => DateTimeResolver, { nullable: true, description: 'A one-time right: when a data source used it; null while it is still usable.' })
  usedAt!: Date | null;
}
