import { performance } from 'node:perf_hooks';
import { AckPolicy, connect, DeliverPolicy, type ConsumerMessages, type JsMsg, type NatsConnection, nanos } from 'nats';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@hub/db';
import type { CloudEvent } from '../cloudevent';
import { openSecret, signWebhook } from './shared';
import { AddressRefused, createWebhookClient } from './webhook-client';
import type { WebhooksSettings } from './settings';

export interface DispatcherLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface DispatcherOptions extends Omit<WebhooksSettings, 'enabled'> {
  database: Database;
  natsUrl: string;
  /** The relay's stream and subject prefix (NATS_STREAM, NATS_SUBJECT_PREFIX). */
  stream: string;
  subjectPrefix: string;
  /** Fallback poll for due retries; each new delivery and each scheduled retry also wakes the sender. */
  pollMs?: number;
  log?: DispatcherLogger;
  /** Called after each attempt was recorded (tests measure with it). */
  onAttempt?: (attempt: { deliveryId: number; eventId: string; number: number; succeeded: boolean }) => void;
}

export interface Dispatcher {
  /** Stops reading the stream, lets the attempts in flight finish and record, closes the broker connection. */
  stop(): Promise<void>;
}

const silent: DispatcherLogger = { info: () => {}, warn: () => {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TYPE_PREFIX = 'no.altinn.hub.';
const FAN_OUT_PARALLEL = 8;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Claimed {
  id: string;
  event_id: string;
  payload: string;
  attempts: number;
  subscription_id: string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_valid: boolean;
}

/** Wait before attempt `n + 1` after `n` failed ones: base·4^(n−1), capped, ±10 % so that retries of many events spread. */
export function retryDelayMs(failed: number, baseMs: number, maxMs: number, random = Math.random): number {
  const plain = Math.min(baseMs * 4 ** Math.max(0, failed - 1), maxMs);
  return Math.round(plain * (0.9 + 0.2 * random()));
}

/** What kept an attempt from an answer: the refused address, a timeout, the connection's error code. */
function describeFailure(err: unknown): string {
  if (err instanceof AddressRefused) return `refused: ${err.message}`.slice(0, 300);
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout: no answer in time';
    return ((err as NodeJS.ErrnoException).code ?? (err.message || err.name)).slice(0, 300);
  }
  return String(err).slice(0, 300);
}

/**
 * Delivers the hub's events to the partners' webhook subscriptions (table webhooks.subscriptions, migration 0012).
 *
 * Two halves. The reader consumes the relay's JetStream stream through a durable pull consumer that every dispatcher
 * of a deployment shares (each message goes to one of them); for each event it writes one delivery per matching
 * subscription (unique per subscription and event id, so a message read twice adds nothing), then acks the message:
 * an event is acknowledged only once every delivery it owes is stored. The sender claims due deliveries with a lease
 * (`for update skip locked`: dispatchers never send the same attempt twice at once; a dead one's lease runs out and
 * another takes over), POSTs the CloudEvent signed the Standard Webhooks way, and records the attempt: a 2xx ends the
 * delivery, anything else schedules the next attempt with exponential backoff, until the last one marks it FAILED.
 * At least once: the same event id (`webhook-id`) on every attempt. Unless `allowPrivateAddresses`, it connects only to
 * public addresses (`createWebhookClient`), whatever a subscription's URL says or its name resolves to.
 */
export async function startDispatcher(options: DispatcherOptions): Promise<Dispatcher> {
  const { database, stream, subjectPrefix, consumer } = options;
  const log = options.log ?? silent;
  const pollMs = options.pollMs ?? 1000;
  const db = database.db;

  let stopping = false;
  let wake: (() => void) | undefined;
  // A kick while the sender is busy is remembered, so that it claims again instead of waiting for the poll.
  let kicked = false;
  const kick = () => {
    kicked = true;
    wake?.();
  };
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      kick();
    }, ms);
    timers.add(t);
  };

  // ---- the reader: stream → deliveries ----

  /** Stores the deliveries one event owes; returns how many are new. */
  async function fanOut(raw: string): Promise<number> {
    const event = JSON.parse(raw) as CloudEvent;
    if (typeof event.type !== 'string' || !event.type.startsWith(TYPE_PREFIX)) return 0;
    const kind = event.type.slice(TYPE_PREFIX.length).split('.')[0]!;
    if (!['consent', 'delegation', 'access-request'].includes(kind) || !UUID.test(String(event.subject))) return 0;
    // Who may subscribe to it: for a consent event the requester and the organisation handling it; for a delegation
    // its two parties; for an access request the party asked. Subscriptions filter further by type and request.
    const rows = await rowsOf<{ id: string }>(
      db,
      sql`with owners(id) as (
            select unnest(array[r.to_id, r.handled_by_id]) from consents.consent_requests r
              where ${kind} = 'consent' and r.id = ${event.subject}::uuid
            union all
            select unnest(array[d.from_id, d.to_id]) from delegations.delegations d
              where ${kind} = 'delegation' and d.id = ${event.subject}::uuid
            union all
            select a.from_id from delegations.access_requests a
              where ${kind} = 'access-request' and a.id = ${event.subject}::uuid
          )
          insert into webhooks.deliveries (subscription_id, event_id, event_type, subject, event_time, payload, next_attempt_at)
          select s.id, ${event.id}, ${event.type}, ${event.subject}, ${event.time}::timestamptz, ${raw}, now()
            from webhooks.subscriptions s
           where s.enabled and s.owner_id in (select id from owners where id is not null)
             and ${event.type} = any(s.event_types)
             and s.created_at <= ${event.time}::timestamptz
             and (${kind} <> 'consent' or s.consent_request_ids is null or ${event.subject}::uuid = any(s.consent_request_ids))
          on conflict (subscription_id, event_id) do nothing
          returning id::text as id`,
    );
    return rows.length;
  }

  let nc: NatsConnection | undefined;
  let messages: ConsumerMessages | undefined;

  async function openConsumer(): Promise<ConsumerMessages> {
    nc ??= await connect({ servers: options.natsUrl, name: `hub-webhooks-${consumer}`, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
    const jsm = await nc.jetstreamManager();
    try {
      await jsm.streams.info(stream);
    } catch {
      // The relay creates it too; whichever comes first.
      await jsm.streams
        .add({ name: stream, subjects: [`${subjectPrefix}.>`], duplicate_window: nanos(5 * 60_000) })
        .catch(async (err: unknown) => void (await jsm.streams.info(stream).catch(() => Promise.reject(err))));
    }
    try {
      await jsm.consumers.info(stream, consumer);
    } catch {
      await jsm.consumers.add(stream, {
        durable_name: consumer,
        ack_policy: AckPolicy.Explicit,
        // The first dispatcher reads the stream from its start; a subscription gets only events after its creation.
        deliver_policy: DeliverPolicy.All,
        filter_subject: `${subjectPrefix}.>`,
        // Storing an event's deliveries takes milliseconds: one a dead dispatcher held comes again after 10 s.
        ack_wait: nanos(10_000),
        max_ack_pending: 1000,
      });
    }
    const c = await nc.jetstream().consumers.get(stream, consumer);
    return c.consume({ max_messages: 256 });
  }

  async function handle(m: JsMsg): Promise<void> {
    try {
      const added = await fanOut(m.string());
      m.ack();
      if (added) kick();
    } catch (err) {
      if (err instanceof SyntaxError) {
        log.warn({ err, seq: m.seq }, 'webhooks: a message that is no CloudEvent, skipped');
        m.term();
        return;
      }
      log.warn({ err, seq: m.seq }, 'webhooks: storing deliveries failed; the event comes again');
      m.nak(1000);
    }
  }

  const handling = new Set<Promise<void>>();
  const reader = (async () => {
    let failures = 0;
    while (!stopping) {
      try {
        messages = await openConsumer();
        if (stopping) {
          messages.stop();
          break;
        }
        failures = 0;
        // Several events are stored at once (their deliveries are independent); at most FAN_OUT_PARALLEL in flight.
        for await (const m of messages) {
          const p: Promise<void> = handle(m).finally(() => handling.delete(p));
          handling.add(p);
          if (handling.size >= FAN_OUT_PARALLEL) await Promise.race(handling);
        }
        // The consumer ended without being asked to (deleted, say): open it again after a pause.
        if (!stopping) await sleep(1000);
      } catch (err) {
        if (stopping) break;
        failures++;
        log.warn({ err, failures }, 'webhooks: reading the event stream failed, retrying');
        await sleep(Math.min(100 * 2 ** failures, 5000));
      }
    }
  })();

  // ---- the sender: due deliveries → attempts ----

  // Longer than any attempt takes (its timeout) with room for recording it; after that another dispatcher may send it.
  const leaseMs = 2 * options.timeoutMs + 5000;
  // A refused address is a failed attempt like any other and retried by the same rule: nothing is sent, and a name
  // may resolve to a public address by the next attempt.
  const client = createWebhookClient({ allowPrivateAddresses: options.allowPrivateAddresses });
  let inFlight = 0;
  const running = new Set<Promise<void>>();

  async function claim(n: number): Promise<Claimed[]> {
    return rowsOf<Claimed>(
      db,
      sql`update webhooks.deliveries d
             set attempts = d.attempts + 1, lease_until = now() + ${leaseMs}::int * interval '1 millisecond'
            from webhooks.subscriptions s
           where s.id = d.subscription_id
             and d.id in (
               select d2.id from webhooks.deliveries d2 join webhooks.subscriptions s2 on s2.id = d2.subscription_id
                where d2.status = 'PENDING' and s2.enabled and d2.next_attempt_at <= now()
                  and (d2.lease_until is null or d2.lease_until < now())
                order by d2.next_attempt_at, d2.id
                limit ${n}
                for update of d2 skip locked)
       returning d.id::text as id, d.event_id, d.payload, d.attempts, s.id::text as subscription_id, s.url, s.secret,
                 s.previous_secret, coalesce(s.previous_secret_until > now(), false) as previous_valid`,
    );
  }

  async function attempt(d: Claimed): Promise<void> {
    const startedAt = new Date();
    const t0 = performance.now();
    let httpStatus: number | null = null;
    let error: string | null = null;
    let succeeded = false;
    try {
      const secrets = [openSecret(d.secret, options.keyEncryptionKey, d.subscription_id)];
      if (d.previous_secret && d.previous_valid) secrets.push(openSecret(d.previous_secret, options.keyEncryptionKey, d.subscription_id));
      const timestamp = Math.floor(Date.now() / 1000);
      const answer = await client.post(d.url, {
        timeoutMs: options.timeoutMs,
        headers: {
          'content-type': 'application/cloudevents+json',
          'user-agent': 'altinn-hub-webhooks/1',
          'webhook-id': d.event_id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secrets, d.event_id, timestamp, d.payload),
        },
        body: d.payload,
      });
      httpStatus = answer.status;
      succeeded = answer.status >= 200 && answer.status < 300;
      if (!succeeded) error = `HTTP ${answer.status}${answer.body ? `: ${answer.body}` : ''}`;
    } catch (err) {
      error = describeFailure(err);
    }
    const durationMs = Math.round(performance.now() - t0);
    const last = d.attempts >= options.maxAttempts;
    const status = succeeded ? 'SUCCEEDED' : last ? 'FAILED' : 'PENDING';
    const delay = status === 'PENDING' ? retryDelayMs(d.attempts, options.retryBaseMs, options.retryMaxMs) : null;
    try {
      await db.execute(
        sql`with attempt as (
              insert into webhooks.attempts (delivery_id, number, started_at, duration_ms, http_status, error, succeeded)
              values (${d.id}::bigint, ${d.attempts}, ${startedAt.toISOString()}::timestamptz, ${durationMs}, ${httpStatus}, ${error}, ${succeeded})
            )
            update webhooks.deliveries
               set status = ${status}, lease_until = null,
                   next_attempt_at = ${delay === null ? null : sql`now() + ${delay}::int * interval '1 millisecond'`},
                   completed_at = ${status === 'PENDING' ? null : sql`now()`}
             where id = ${d.id}::bigint`,
      );
    } catch (err) {
      // The subscription was deleted meanwhile (its deliveries with it), or the database is down: the lease runs out
      // and the attempt is made again.
      log.warn({ err, delivery: d.id }, 'webhooks: recording an attempt failed');
      return;
    }
    if (delay !== null) later(delay);
    if (!succeeded) log.info({ delivery: d.id, event: d.event_id, attempt: d.attempts, status, error }, 'webhook attempt failed');
    options.onAttempt?.({ deliveryId: Number(d.id), eventId: d.event_id, number: d.attempts, succeeded });
  }

  const sender = (async () => {
    let failures = 0;
    while (!stopping) {
      let claimed: Claimed[] = [];
      const room = options.concurrency - inFlight;
      if (room > 0) {
        try {
          claimed = await claim(room);
          failures = 0;
        } catch (err) {
          failures++;
          log.warn({ err, failures }, 'webhooks: claiming deliveries failed, retrying');
          await sleep(Math.min(100 * 2 ** failures, 5000));
          continue;
        }
        for (const d of claimed) {
          inFlight++;
          const p: Promise<void> = attempt(d).finally(() => {
            inFlight--;
            running.delete(p);
            kick();
          });
          running.add(p);
        }
      }
      if ((claimed.length > 0 && claimed.length === room) || kicked) {
        kicked = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(t);
          wake = undefined;
          resolve();
        };
      });
      kicked = false;
    }
  })();

  return {
    async stop() {
      stopping = true;
      messages?.stop();
      kick();
      for (const t of timers) clearTimeout(t);
      await Promise.all([reader, sender]);
      await Promise.all([...handling, ...running]);
      client.close();
      await nc?.drain().catch(() => nc?.close());
    },
  };
}
