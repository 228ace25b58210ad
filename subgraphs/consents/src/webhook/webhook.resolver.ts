import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isWebhookEventType, newWebhookSecret, sealSecret, webhookUrlProblem, WEBHOOK_EVENT_TYPES } from '@hub/events/webhooks';
import { badInput, conflict, CurrentOrganization, notFound, type OrganizationViewer, type SubgraphContext } from '@hub/kit';
import { isUuid } from '../ids';
import type { Loaders } from '../loaders';
import { consentSettings } from '../token/settings';
import {
  countSubscriptions,
  deleteSubscription,
  deliveriesOf,
  insertSubscription,
  ownConsentRequests,
  rotateSecret,
  setEnabled,
  subscriptionOf,
  subscriptionsOf,
} from './webhook.store';
import {
  CreateWebhookSubscriptionInput,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookSecretIssued,
  WebhookSubscription,
  type WebhookDeliveryRow,
  type WebhookSubscriptionRow,
} from './webhook.type';

type Context = SubgraphContext<Loaders>;

/** Per organisation. */
export const MAX_SUBSCRIPTIONS = 50;
const MAX_REQUEST_IDS = 100;
const MAX_DELIVERIES_PAGE = 200;
/** How long a rotated secret's predecessor still signs (alongside the new one). */
const ROTATION_OVERLAP_SECONDS = 24 * 3600;

/** The subscription of the viewer's organisation, or NOT_FOUND: another organisation's is not said to exist. */
async function own(ctx: Context, viewer: OrganizationViewer, id: string): Promise<WebhookSubscriptionRow> {
  const row = isUuid(id) ? await subscriptionOf(ctx.db, viewer.partyId, id.toLowerCase()) : null;
  if (!row) throw notFound(`Webhook subscription ${id}`);
  return row;
}

/** The checks, in field order; the first problem is BAD_USER_INPUT naming its field. */
async function checkInput(input: CreateWebhookSubscriptionInput, ctx: Context, ownerId: string) {
  if (input.url.length > 2000) throw badInput('input.url', 'at most 2000 characters');
  const urlProblem = webhookUrlProblem(input.url, { allowPrivateAddresses: consentSettings(ctx.settings).allowPrivateWebhookAddresses });
  if (urlProblem) throw badInput('input.url', urlProblem);
  if (input.eventTypes.length === 0) throw badInput('input.eventTypes', 'list at least one event type');
  input.eventTypes.forEach((t, i) => {
    if (!isWebhookEventType(t)) throw badInput(`input.eventTypes[${i}]`, `unknown event type ${t}; known: ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  });
  const ids = input.consentRequestIds;
  if (ids === null || ids === undefined) return { eventTypes: [...new Set(input.eventTypes)], consentRequestIds: null };
  if (ids.length === 0) throw badInput('input.consentRequestIds', 'list at least one request, or leave it out for all of yours');
  if (ids.length > MAX_REQUEST_IDS) throw badInput('input.consentRequestIds', `at most ${MAX_REQUEST_IDS}`);
  ids.forEach((id, i) => {
    if (!isUuid(id)) throw badInput(`input.consentRequestIds[${i}]`, 'must be a UUID');
  });
  const lower = [...new Set(ids.map((id) => id.toLowerCase()))];
  const mine = await ownConsentRequests(ctx.db, ownerId, lower);
  const i = ids.findIndex((id) => !mine.has(id.toLowerCase()));
  // The same words for one that does not exist and one of another organisation: existence does not leak.
  if (i >= 0) throw badInput(`input.consentRequestIds[${i}]`, `${ids[i]} is not a consent request your organisation made or handles`);
  return { eventTypes: [...new Set(input.eventTypes)], consentRequestIds: lower };
}

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  @Query(() => [WebhookSubscription], { description: 'The webhook subscriptions of the viewer’s organisation, oldest first.' })
  async webhookSubscriptions(@CurrentOrganization() viewer: OrganizationViewer, @Ctx() ctx: Context): Promise<WebhookSubscriptionRow[]> {
    return subscriptionsOf(ctx.db, viewer.partyId);
  }

  @Query(() => WebhookSubscription, { description: 'One of the organisation’s subscriptions; NOT_FOUND for any other id.' })
  async webhookSubscription(
    @Arg('id', () => ID) id: string,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<WebhookSubscriptionRow> {
    return own(ctx, viewer, id);
  }

  @FieldResolver(() => [WebhookDelivery], {
    description: 'Events owed to this subscription, newest first, with every attempt. first: 1–200.',
  })
  async deliveries(
    @Root() subscription: WebhookSubscriptionRow,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true }) status: WebhookDeliveryStatus | null | undefined,
    @Arg('eventId', () => String, { nullable: true }) eventId: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<WebhookDeliveryRow[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_DELIVERIES_PAGE) throw badInput('first', `must be between 1 and ${MAX_DELIVERIES_PAGE}`);
    return deliveriesOf(ctx.db, subscription.id, { first, status, eventId });
  }

  @Mutation(() => WebhookSecretIssued, {
    description:
      'A partner system subscribes its organisation to events about its own consent requests (or its delegations and ' +
      'access requests), delivered to an https URL. The signing secret is in the answer, and only there.',
  })
  async createWebhookSubscription(
    @Arg('input', () => CreateWebhookSubscriptionInput) input: CreateWebhookSubscriptionInput,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<WebhookSecretIssued> {
    const checked = await checkInput(input, ctx, viewer.partyId);
    if ((await countSubscriptions(ctx.db, viewer.partyId)) >= MAX_SUBSCRIPTIONS) {
      throw conflict(`Your organisation has ${MAX_SUBSCRIPTIONS} webhook subscriptions, the most it may have: delete one first.`);
    }
    const id = randomUUID();
    const secret = newWebhookSecret();
    const subscription = await insertSubscription(ctx.db, {
      id,
      ownerId: viewer.partyId,
      clientId: viewer.clientId,
      url: input.url,
      ...checked,
      sealedSecret: sealSecret(secret, consentSettings(ctx.settings).keyEncryptionKey, id),
    });
    return { subscription, secret };
  }

  @Mutation(() => ID, { description: 'Deletes a subscription of the organisation, with its deliveries; answers its id.' })
  async deleteWebhookSubscription(
    @Arg('id', () => ID) id: string,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<string> {
    const row = await own(ctx, viewer, id);
    if (!(await deleteSubscription(ctx.db, viewer.partyId, row.id))) throw notFound(`Webhook subscription ${id}`);
    return row.id;
  }

  @Mutation(() => WebhookSubscription, {
    description: 'Pauses (false) or resumes (true) a subscription. While paused, no events are added and no attempts made.',
  })
  async setWebhookSubscriptionEnabled(
    @Arg('id', () => ID) id: string,
    @Arg('enabled', () => Boolean) enabled: boolean,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<WebhookSubscriptionRow> {
    const row = await own(ctx, viewer, id);
    const updated = await setEnabled(ctx.db, viewer.partyId, row.id, enabled);
    if (!updated) throw notFound(`Webhook subscription ${id}`);
    return updated;
  }

  @Mutation(() => WebhookSecretIssued, {
    description: 'A new signing secret, shown this once. For 24 hours deliveries carry two signatures (new and old) so the receiver can switch.',
  })
  async rotateWebhookSecret(
    @Arg('id', () => ID) id: string,
    @CurrentOrganization() viewer: OrganizationViewer,
    @Ctx() ctx: Context,
  ): Promise<WebhookSecretIssued> {
    const row = await own(ctx, viewer, id);
    const secret = newWebhookSecret();
    const sealed = sealSecret(secret, consentSettings(ctx.settings).keyEncryptionKey, row.id);
    const subscription = await rotateSecret(ctx.db, viewer.partyId, row.id, sealed, ROTATION_OVERLAP_SECONDS);
    if (!subscription) throw notFound(`Webhook subscription ${id}`);
    return { subscription, secret };
  }
}
