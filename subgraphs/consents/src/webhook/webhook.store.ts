import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@hub/db';
import type { WebhookDeliveryRow, WebhookDeliveryStatus, WebhookSubscriptionRow } from './webhook.type';

// The webhooks schema (migration 0012) as the graph reads and writes it. Every statement names the owner, so a
// subscription of another organisation is never read, changed or deleted here.

interface RawSubscription {
  id: string;
  owner_id: string;
  client_id: string | null;
  url: string;
  event_types: string[];
  consent_request_ids: string[] | null;
  enabled: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const toSubscription = (r: RawSubscription): WebhookSubscriptionRow => ({
  id: r.id,
  ownerId: r.owner_id,
  clientId: r.client_id,
  url: r.url,
  eventTypes: r.event_types,
  consentRequestIds: r.consent_request_ids,
  enabled: r.enabled,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const COLUMNS = sql.raw(
  'id::text as id, owner_id::text as owner_id, client_id, url, event_types, consent_request_ids::text[] as consent_request_ids, enabled, created_at, updated_at',
);

const uuidArray = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]::uuid[]`;
const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}::text`),
    sql`, `,
  )}]::text[]`;

export async function insertSubscription(
  db: Db,
  s: {
    id: string;
    ownerId: string;
    clientId: string | null;
    url: string;
    eventTypes: string[];
    consentRequestIds: string[] | null;
    sealedSecret: string;
  },
): Promise<WebhookSubscriptionRow> {
  const [row] = await rowsOf<RawSubscription>(
    db,
    sql`insert into webhooks.subscriptions (id, owner_id, client_id, url, event_types, consent_request_ids, secret)
        values (${s.id}::uuid, ${s.ownerId}::uuid, ${s.clientId}, ${s.url}, ${textArray(s.eventTypes)},
                ${s.consentRequestIds ? uuidArray(s.consentRequestIds) : null}, ${s.sealedSecret})
        returning ${COLUMNS}`,
  );
  return toSubscription(row!);
}

export const countSubscriptions = async (db: Db, ownerId: string) =>
  Number((await rowsOf<{ n: string }>(db, sql`select count(*)::text as n from webhooks.subscriptions where owner_id = ${ownerId}::uuid`))[0]!.n);

export async function subscriptionsOf(db: Db, ownerId: string): Promise<WebhookSubscriptionRow[]> {
  const rows = await rowsOf<RawSubscription>(
    db,
    sql`select ${COLUMNS} from webhooks.subscriptions where owner_id = ${ownerId}::uuid order by created_at, id`,
  );
  return rows.map(toSubscription);
}

export async function subscriptionOf(db: Db, ownerId: string, id: string): Promise<WebhookSubscriptionRow | null> {
  const [row] = await rowsOf<RawSubscription>(
    db,
    sql`select ${COLUMNS} from webhooks.subscriptions where owner_id = ${ownerId}::uuid and id = ${id}::uuid`,
  );
  return row ? toSubscription(row) : null;
}

export async function deleteSubscription(db: Db, ownerId: string, id: string): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`delete from webhooks.subscriptions where owner_id = ${ownerId}::uuid and id = ${id}::uuid returning id::text as id`,
  );
  return rows.length > 0;
}

export async function setEnabled(db: Db, ownerId: string, id: string, enabled: boolean): Promise<WebhookSubscriptionRow | null> {
  const [row] = await rowsOf<RawSubscription>(
    db,
    sql`update webhooks.subscriptions set enabled = ${enabled}, updated_at = now()
         where owner_id = ${ownerId}::uuid and id = ${id}::uuid returning ${COLUMNS}`,
  );
  return row ? toSubscription(row) : null;
}

/** The new secret signs from now on; the old one signs alongside it for `overlapSeconds`, so receivers can switch. */
export async function rotateSecret(
  db: Db,
  ownerId: string,
  id: string,
  sealedSecret: string,
  overlapSeconds: number,
): Promise<WebhookSubscriptionRow | null> {
  const [row] = await rowsOf<RawSubscription>(
    db,
    sql`update webhooks.subscriptions
           set previous_secret = secret, previous_secret_until = now() + ${overlapSeconds}::int * interval '1 second',
               secret = ${sealedSecret}, updated_at = now()
         where owner_id = ${ownerId}::uuid and id = ${id}::uuid returning ${COLUMNS}`,
  );
  return row ? toSubscription(row) : null;
}

/** Which of these consent requests the organisation asked for or handles. */
export async function ownConsentRequests(db: Db, ownerId: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`select id::text as id from consents.consent_requests
         where id = any(${uuidArray(ids)}) and (to_id = ${ownerId}::uuid or handled_by_id = ${ownerId}::uuid)`,
  );
  return new Set(rows.map((r) => r.id));
}

interface RawAttempt {
  number: number;
  started_at: string;
  duration_ms: number;
  http_status: number | null;
  error: string | null;
  succeeded: boolean;
}

interface RawDelivery {
  id: string;
  event_id: string;
  event_type: string;
  subject: string;
  event_time: Date | string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date | string | null;
  in_flight: boolean;
  created_at: Date | string;
  completed_at: Date | string | null;
  attempt_rows: RawAttempt[] | string;
}

const dateOrNull = (d: Date | string | null) => (d === null ? null : new Date(d));

/**
 * The subscription's deliveries, newest first, each with its attempts (oldest first), in one statement: one snapshot,
 * so the count of attempts, the rows of attempts and the next attempt's time always agree.
 */
export async function deliveriesOf(
  db: Db,
  subscriptionId: string,
  options: { first: number; status?: WebhookDeliveryStatus | null; eventId?: string | null },
): Promise<WebhookDeliveryRow[]> {
  const rows = await rowsOf<RawDelivery>(
    db,
    sql`select d.id::text as id, d.event_id, d.event_type, d.subject, d.event_time, d.status, d.attempts, d.next_attempt_at,
               coalesce(d.lease_until > now(), false) as in_flight, d.created_at, d.completed_at,
               coalesce((select json_agg(json_build_object('number', a.number, 'started_at', a.started_at, 'duration_ms', a.duration_ms,
                                                           'http_status', a.http_status, 'error', a.error, 'succeeded', a.succeeded)
                                         order by a.number)
                           from webhooks.attempts a where a.delivery_id = d.id), '[]'::json) as attempt_rows
          from webhooks.deliveries d
         where d.subscription_id = ${subscriptionId}::uuid
           ${options.status ? sql`and d.status = ${options.status}` : sql``}
           ${options.eventId ? sql`and d.event_id = ${options.eventId}` : sql``}
         order by d.id desc limit ${options.first}`,
  );
  return rows.map((d) => {
    const attempts = typeof d.attempt_rows === 'string' ? (JSON.parse(d.attempt_rows) as RawAttempt[]) : d.attempt_rows;
    return {
      id: d.id,
      eventId: d.event_id,
      eventType: d.event_type,
      subject: d.subject,
      eventTime: new Date(d.event_time),
      status: d.status,
      attemptCount: d.attempts,
      // While an attempt is in flight there is no next one yet.
      nextAttemptAt: d.status === 'PENDING' && !d.in_flight ? dateOrNull(d.next_attempt_at) : null,
      createdAt: new Date(d.created_at),
      completedAt: dateOrNull(d.completed_at),
      attempts: attempts.map((a) => ({
        number: a.number,
        at: new Date(a.started_at),
        durationMs: a.duration_ms,
        httpStatus: a.http_status,
        error: a.error,
        succeeded: a.succeeded,
      })),
    };
  });
}
