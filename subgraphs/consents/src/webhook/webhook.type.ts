import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver, enumOf } from '@hub/kit';

export const WebhookDeliveryStatus = enumOf(['PENDING', 'SUCCEEDED', 'FAILED']);
export type WebhookDeliveryStatus = (typeof WebhookDeliveryStatus)[keyof typeof WebhookDeliveryStatus];
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: not yet answered with a 2xx, another attempt follows; SUCCEEDED: a 2xx; FAILED: the last attempt failed too.',
});

/** A subscription as stored (migration 0012), without its secrets. */
export interface WebhookSubscriptionRow {
  id: string;
  ownerId: string;
  clientId: string | null;
  url: string;
  eventTypes: string[];
  consentRequestIds: string[] | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

@ObjectType({
  description:
    'Where the hub POSTs events for a partner system: CloudEvents signed the Standard Webhooks way (README, "Webhooks"). ' +
    'Only the organisation that subscribed sees it.',
})
export class WebhookSubscription {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => [String], { description: 'CloudEvents types delivered, e.g. no.altinn.hub.consent.accepted.' })
  eventTypes!: string[];

  @Field(() => [ID], { nullable: true, description: 'Only the consent events of these requests; null: of every request of yours.' })
  consentRequestIds!: string[] | null;

  @Field(() => Boolean, { description: 'A disabled subscription gets no new events and no further attempts until enabled again.' })
  enabled!: boolean;

  @Field(() => DateTimeResolver)
  createdAt!: Date;
}

@ObjectType({ description: 'A new subscription or a rotated secret. The secret is shown this once: store it.' })
export class WebhookSecretIssued {
  @Field(() => WebhookSubscription)
  subscription!: WebhookSubscriptionRow;

  @Field(() => String, {
    description: 'whsec_ and the key in base64: verify `webhook-signature` with HMAC-SHA256 keyed with the decoded bytes.',
  })
  secret!: string;
}

@ObjectType({ description: 'One attempt to deliver an event: what the receiver answered, or why there was no answer.' })
export class WebhookAttempt {
  @Field(() => Int, { description: '1 for the first attempt.' })
  number!: number;

  @Field(() => DateTimeResolver)
  at!: Date;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status; null when it did not answer." })
  httpStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'HTTP status and the start of the body, a timeout or a connection error.' })
  error!: string | null;

  @Field(() => Boolean)
  succeeded!: boolean;
}

export interface WebhookDeliveryRow {
  id: string;
  eventId: string;
  eventType: string;
  subject: string;
  eventTime: Date;
  status: WebhookDeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  completedAt: Date | null;
  attempts: WebhookAttempt[];
}

@ObjectType({ description: 'One event owed to a subscription, and the attempts to deliver it.' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The CloudEvent id, sent as `webhook-id`: the same on every attempt.' })
  eventId!: string;

  @Field(() => String)
  eventType!: string;

  @Field(() => String, { description: 'The CloudEvent subject: the consent request, delegation or access request.' })
  subject!: string;

  @Field(() => DateTimeResolver)
  eventTime!: Date;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attemptCount!: number;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the next attempt is due (PENDING, and no attempt in flight).' })
  nextAttemptAt!: Date | null;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  completedAt!: Date | null;

  @Field(() => [WebhookAttempt], { description: 'Oldest first.' })
  attempts!: WebhookAttempt[];
}

@InputType({ description: 'What to deliver where.' })
export class CreateWebhookSubscriptionInput {
  @Field(() => String, { description: 'An https URL (http only for localhost and 127.0.0.1).' })
  url!: string;

  @Field(() => [String], { description: 'CloudEvents types, e.g. no.altinn.hub.consent.accepted (README lists them).' })
  eventTypes!: string[];

  @Field(() => [ID], { nullable: true, description: 'Only the consent events of these requests of yours; absent: all of them.' })
  consentRequestIds?: string[] | null;
}
