import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, rowsOf, type Database } from '@hub/db';
import { consentWrite, lockConsent, recordEvent } from '../../subgraphs/consents/src/consent/consent.store';
import { insertDelegation } from '../../subgraphs/delegations/src/delegation/delegation.store';
import { ACCEPT, CREATE, errorOf, inSeconds, REVOKE, storyTokens, URN } from '../support/consents';
import { startTestStack, type TestStack } from '../support/stack';
import { NATS_URL, newConsents, uniqueStream } from './support';

// Webhook subscriptions end to end: the graph (consents subgraph) takes subscriptions, the relay publishes the outbox
// to the real NATS server (127.0.0.1:4222, a stream of this run only), the dispatcher started by the stack reads it
// and POSTs to receivers on localhost. Embedded database by default, Postgres with DATABASE_URL.

const BASE_MS = 150;
const MAX_ATTEMPTS = 4;
const TYPE = (t: string) => `no.altinn.hub.consent.${t}`;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** performance.now() and Date.now() on arrival. */
  at: number;
  wall: number;
}

/** Receivers on one port: /fail-twice/… answers 500 to an event's first two attempts, /down/… always 503, others 204. */
class Receivers {
  readonly all: Received[] = [];
  private readonly tries = new Map<string, number>();
  private constructor(private readonly server: Server) {}

  static async start(): Promise<Receivers> {
    const server = createServer();
    const r = new Receivers(server);
    server.on('request', async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const got = { path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now(), wall: Date.now() };
      r.all.push(got);
      const key = `${got.path} ${String(req.headers['webhook-id'])}`;
      const n = (r.tries.get(key) ?? 0) + 1;
      r.tries.set(key, n);
      if (got.path.startsWith('/fail-twice') && n <= 2) res.writeHead(500).end('not today');
      else if (got.path.startsWith('/down')) res.writeHead(503).end('down for maintenance');
      else res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return r;
  }

  url(path: string) {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  at(path: string) {
    return this.all.filter((x) => x.path === path);
  }

  async until(path: string, done: (got: Received[]) => boolean, ms = 30_000): Promise<Received[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const got = this.at(path);
      if (done(got)) return got;
      if (Date.now() > deadline) throw new Error(`receiver ${path}: condition not met after ${ms} ms (${got.length} requests)`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async close() {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Standard Webhooks verification, written from the specification (not with the hub's signer): the signed content is
 * `${webhook-id}.${webhook-timestamp}.${body}`, HMAC-SHA256 keyed with the base64-decoded part of `whsec_…`, the
 * header a space-separated list of `v1,<base64>`; the timestamp within 5 minutes of now. Returns the secrets that matched.
 */
function verify(got: Received, secrets: string[]): string[] {
  const id = got.headers['webhook-id'];
  const timestamp = got.headers['webhook-timestamp'];
  const header = got.headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof header !== 'string') throw new Error('missing webhook headers');
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) throw new Error(`timestamp ${timestamp} out of tolerance`);
  const signatures = header.split(' ').map((part) => {
    const [version, value] = part.split(',');
    expect(version).toBe('v1');
    return Buffer.from(value!, 'base64');
  });
  return secrets.filter((secret) => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    const key = Buffer.from(secret.split('_')[1]!, 'base64');
    const expected = createHmac('sha256', key)
      .update(Buffer.from(`${id}.${timestamp}.${got.body}`, 'utf8'))
      .digest();
    return signatures.some((s) => s.length === expected.length && timingSafeEqual(s, expected));
  });
}

const SUBSCRIBE = /* GraphQL */ `
  mutation Subscribe($input: CreateWebhookSubscriptionInput!) {
    createWebhookSubscription(input: $input) { secret subscription { id url eventTypes consentRequestIds enabled createdAt } }
  }`;
const SUBSCRIPTION = /* GraphQL */ `
  query Subscription($id: ID!, $eventId: String) {
    webhookSubscription(id: $id) {
      id url enabled
      deliveries(eventId: $eventId) {
        id eventId eventType subject status attemptCount nextAttemptAt completedAt
        attempts { number at durationMs httpStatus error succeeded }
      }
    }
  }`;
const LIST = /* GraphQL */ `query Subscriptions { webhookSubscriptions { id url } }`;
const DELETE = /* GraphQL */ `mutation Delete($id: ID!) { deleteWebhookSubscription(id: $id) }`;
const ENABLE = /* GraphQL */ `mutation Enable($id: ID!, $enabled: Boolean!) { setWebhookSubscriptionEnabled(id: $id, enabled: $enabled) { id enabled } }`;
const ROTATE = /* GraphQL */ `mutation Rotate($id: ID!) { rotateWebhookSecret(id: $id) { secret subscription { id } } }`;

let stack: TestStack;
let receivers: Receivers;
let t: Awaited<ReturnType<typeof storyTokens>>;
let writers: Database | undefined;
const s = uniqueStream();
beforeAll(async () => {
  receivers = await Receivers.start();
  stack = await startTestStack({
    env: {
      NATS_URL,
      NATS_STREAM: s.stream,
      NATS_SUBJECT_PREFIX: s.subjectPrefix,
      WEBHOOK_CONSUMER: `test-webhooks-${s.stream}`,
      WEBHOOK_RETRY_BASE_MS: String(BASE_MS),
      WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      WEBHOOK_TIMEOUT_MS: '3000',
    },
  });
  t = await storyTokens(stack);
  if (stack.databaseUrl) writers = createDatabase({ url: stack.databaseUrl, poolSize: 8 });
}, 120_000);
afterAll(async () => {
  await writers?.close();
  await stack?.close();
  await receivers?.close();
  // The run's stream goes with it (the relay created it; the consumer is deleted with it).
  const nc = await connect({ servers: NATS_URL });
  const jsm = await nc.jetstreamManager();
  await jsm.streams.delete(s.stream).catch(() => {});
  await nc.close();
});

async function subscribe(input: Record<string, unknown>, token: string) {
  const { body } = await stack.graphql(SUBSCRIBE, { input }, token);
  expect(body.errors).toBeUndefined();
  return body.data.createWebhookSubscription as {
    secret: string;
    subscription: { id: string; eventTypes: string[]; consentRequestIds: string[] | null };
  };
}

async function askHakon(token: string): Promise<string> {
  const { body } = await stack.graphql(
    CREATE,
    {
      input: {
        from: URN.hakon,
        validTo: inSeconds(3600),
        redirectUrl: 'http://localhost:9999/callback',
        rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
      },
    },
    token,
  );
  expect(body.errors).toBeUndefined();
  return body.data.createConsentRequest.id as string;
}

async function ok(op: string, variables: Record<string, unknown>, token: string) {
  const { body } = await stack.graphql(op, variables, token);
  expect(body.errors).toBeUndefined();
  return body.data;
}

const eventOf = (got: Received) =>
  JSON.parse(got.body) as { id: string; type: string; subject: string; source: string; data: Record<string, unknown> };

describe('webhook subscriptions for partners', () => {
  it('deliver ACCEPTED and REVOKED of the bank’s own request, signed, and nothing of another bank’s', async () => {
    const bank = await subscribe({ url: receivers.url('/banken'), eventTypes: [TYPE('accepted'), TYPE('revoked'), TYPE('rejected')] }, t.banken);
    expect(bank.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(bank.subscription).toMatchObject({ eventTypes: [TYPE('accepted'), TYPE('revoked'), TYPE('rejected')], consentRequestIds: null });
    const other = await subscribe({ url: receivers.url('/finansiering'), eventTypes: [TYPE('accepted'), TYPE('revoked')] }, t.finansiering);

    const mine = await askHakon(t.banken);
    const theirs = await askHakon(t.finansiering);
    for (const id of [mine, theirs]) await ok(ACCEPT, { id }, t.hakon);
    for (const id of [mine, theirs]) await ok(REVOKE, { id }, t.hakon);

    // The other bank's receiver has both of its events: each event's deliveries are stored in one statement, so any
    // delivery of them to the bank would exist by now.
    const theirsGot = await receivers.until('/finansiering', (g) => g.length >= 2);
    const got = await receivers.until('/banken', (g) => g.length >= 2);
    expect(got.map((g) => eventOf(g).subject)).toEqual([mine, mine]);
    expect(got.map((g) => eventOf(g).type).sort()).toEqual([TYPE('accepted'), TYPE('revoked')]);
    expect(theirsGot.map((g) => eventOf(g).subject)).toEqual([theirs, theirs]);
    const stored = await rowsOf<{ subject: string }>(
      stack.database.db,
      sql`select subject from webhooks.deliveries where subscription_id = ${bank.subscription.id}::uuid`,
    );
    expect(stored.map((r) => r.subject)).toEqual([mine, mine]);

    for (const g of got) {
      expect(verify(g, [bank.secret])).toEqual([bank.secret]);
      // Another subscription's secret does not verify it.
      expect(verify(g, [other.secret])).toEqual([]);
      const event = eventOf(g);
      expect(g.headers['webhook-id']).toBe(event.id);
      expect(g.headers['content-type']).toBe('application/cloudevents+json');
      expect(event).toMatchObject({ specversion: '1.0', datacontenttype: 'application/json', data: { consentId: mine, to: expect.any(String) } });
      // No national identity number in what a partner receives: parties are named by their UUID.
      expect(g.body).not.toMatch(/(^|[^0-9a-f-])\d{11}([^0-9a-f-]|$)/);
    }
    // A body changed on the way no longer verifies.
    expect(verify({ ...got[0]!, body: got[0]!.body.replace('"specversion"', '"specversion" ') }, [bank.secret])).toEqual([]);

    // The graph shows each delivery and its one successful attempt.
    const { webhookSubscription } = await ok(SUBSCRIPTION, { id: bank.subscription.id }, t.banken);
    expect(webhookSubscription.deliveries).toHaveLength(2);
    for (const d of webhookSubscription.deliveries) {
      expect(d).toMatchObject({ subject: mine, status: 'SUCCEEDED', attemptCount: 1, nextAttemptAt: null });
      expect(d.attempts).toMatchObject([{ number: 1, httpStatus: 204, error: null, succeeded: true }]);
    }
  });

  it('retries with backoff: a receiver that fails twice gets the event on the third try, and the graph shows the attempts', async () => {
    const id = await askHakon(t.banken);
    const sub = await subscribe({ url: receivers.url('/fail-twice/1'), eventTypes: [TYPE('accepted')], consentRequestIds: [id] }, t.banken);
    expect(sub.subscription.consentRequestIds).toEqual([id]);
    await ok(ACCEPT, { id }, t.hakon);

    const got = await receivers.until('/fail-twice/1', (g) => g.length >= 3);
    // The same event, the same id and body, each attempt signed afresh.
    expect(new Set(got.map((g) => g.headers['webhook-id'])).size).toBe(1);
    expect(new Set(got.map((g) => g.body)).size).toBe(1);
    for (const g of got) expect(verify(g, [sub.secret])).toEqual([sub.secret]);
    expect(got[1]!.at - got[0]!.at).toBeGreaterThanOrEqual(BASE_MS * 0.9 - 5);
    expect(got[2]!.at - got[1]!.at).toBeGreaterThanOrEqual(4 * BASE_MS * 0.9 - 5);

    const eventId = String(got[0]!.headers['webhook-id']);
    let delivery: any;
    for (let i = 0; i < 100; i++) {
      const { webhookSubscription } = await ok(SUBSCRIPTION, { id: sub.subscription.id, eventId }, t.banken);
      delivery = webhookSubscription.deliveries[0];
      if (delivery.status !== 'PENDING') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(delivery).toMatchObject({ eventId, eventType: TYPE('accepted'), subject: id, status: 'SUCCEEDED', attemptCount: 3, nextAttemptAt: null });
    expect(delivery.completedAt).toEqual(expect.any(String));
    expect(delivery.attempts).toMatchObject([
      { number: 1, httpStatus: 500, error: 'HTTP 500: not today', succeeded: false },
      { number: 2, httpStatus: 500, error: 'HTTP 500: not today', succeeded: false },
      { number: 3, httpStatus: 204, error: null, succeeded: true },
    ]);
    expect(receivers.at('/fail-twice/1')).toHaveLength(3);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and records it; while PENDING the next attempt's time is shown`, async () => {
    const id = await askHakon(t.banken);
    const sub = await subscribe({ url: receivers.url('/down'), eventTypes: [TYPE('accepted')], consentRequestIds: [id] }, t.banken);
    await ok(ACCEPT, { id }, t.hakon);
    await receivers.until('/down', (g) => g.length >= 1);
    let sawNextAttempt = false;
    let delivery: any;
    for (let i = 0; i < 200; i++) {
      const { webhookSubscription } = await ok(SUBSCRIPTION, { id: sub.subscription.id }, t.banken);
      delivery = webhookSubscription.deliveries[0];
      if (delivery?.status === 'PENDING' && delivery.nextAttemptAt && delivery.attempts.length === delivery.attemptCount) {
        expect(Date.parse(delivery.nextAttemptAt)).toBeGreaterThan(Date.parse(delivery.attempts.at(-1).at));
        sawNextAttempt = true;
      }
      if (delivery?.status === 'FAILED') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(sawNextAttempt).toBe(true);
    expect(delivery).toMatchObject({ status: 'FAILED', attemptCount: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(delivery.attempts.map((a: { httpStatus: number }) => a.httpStatus)).toEqual(Array(MAX_ATTEMPTS).fill(503));
    expect(delivery.attempts[0].error).toBe('HTTP 503: down for maintenance');
    await new Promise((r) => setTimeout(r, BASE_MS * 2));
    expect(receivers.at('/down')).toHaveLength(MAX_ATTEMPTS);
  });

  it('lets a partner see and manage only its own subscriptions', async () => {
    const bank = await subscribe({ url: 'https://banken.example/hooks', eventTypes: [TYPE('used')] }, t.banken);
    const id = bank.subscription.id;
    for (const [op, vars] of [
      [SUBSCRIPTION, { id }],
      [DELETE, { id }],
      [ENABLE, { id, enabled: false }],
      [ROTATE, { id }],
    ] as const) {
      const { body } = await stack.graphql(op, vars, t.finansiering);
      expect(errorOf(body)?.code).toBe('NOT_FOUND');
    }
    const theirs = await ok(LIST, {}, t.finansiering);
    expect(theirs.webhookSubscriptions.map((s: { id: string }) => s.id)).not.toContain(id);
    const ours = await ok(LIST, {}, t.banken);
    expect(ours.webhookSubscriptions.map((s: { id: string }) => s.id)).toContain(id);
    // A person, a system without a consent scope, nobody.
    expect(errorOf((await stack.graphql(LIST, {}, t.hakon)).body)?.code).toBe('FORBIDDEN');
    expect(errorOf((await stack.graphql(LIST, {}, t.skatteetaten)).body)?.code).toBe('FORBIDDEN');
    expect(errorOf((await stack.graphql(LIST, {})).body)?.code).toBe('UNAUTHENTICATED');
    // Still there, unchanged; then the owner pauses and deletes it.
    expect((await ok(SUBSCRIPTION, { id }, t.banken)).webhookSubscription).toMatchObject({ id, enabled: true });
    expect((await ok(ENABLE, { id, enabled: false }, t.banken)).setWebhookSubscriptionEnabled).toEqual({ id, enabled: false });
    expect((await ok(DELETE, { id }, t.banken)).deleteWebhookSubscription).toBe(id);
    expect(errorOf((await stack.graphql(SUBSCRIPTION, { id }, t.banken)).body)?.code).toBe('NOT_FOUND');
  });

  it('refuses bad input with BAD_USER_INPUT naming the field', async () => {
    const theirs = await askHakon(t.finansiering);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ url: 'http://example.com/hook', eventTypes: [TYPE('accepted')] }, 'input.url', /https/],
      [{ url: 'ftp://banken.example/hook', eventTypes: [TYPE('accepted')] }, 'input.url', /https/],
      [{ url: 'not a url', eventTypes: [TYPE('accepted')] }, 'input.url', /absolute/],
      [{ url: 'https://user:pw@banken.example/hook', eventTypes: [TYPE('accepted')] }, 'input.url', /credentials/],
      [{ url: 'https://banken.example/hook', eventTypes: [] }, 'input.eventTypes', /at least one/],
      [{ url: 'https://banken.example/hook', eventTypes: [TYPE('accepted'), 'consent.accepted'] }, 'input.eventTypes[1]', /unknown event type/],
      [{ url: 'https://banken.example/hook', eventTypes: [TYPE('accepted')], consentRequestIds: ['nope'] }, 'input.consentRequestIds[0]', /UUID/],
      // Another bank's request reads like one that does not exist.
      [
        { url: 'https://banken.example/hook', eventTypes: [TYPE('accepted')], consentRequestIds: [theirs] },
        'input.consentRequestIds[0]',
        /not a consent request/,
      ],
      [{ url: 'https://banken.example/hook', eventTypes: [TYPE('accepted')], consentRequestIds: [] }, 'input.consentRequestIds', /at least one/],
    ];
    for (const [input, field, message] of cases) {
      const { body } = await stack.graphql(SUBSCRIBE, { input }, t.banken);
      const error = errorOf(body);
      expect({ input, code: error?.code, field: error?.field }).toEqual({ input, code: 'BAD_USER_INPUT', field });
      expect(error?.message).toMatch(message);
    }
    // http is fine for the partner's own machine.
    const local = await subscribe({ url: 'http://localhost:8080/hook', eventTypes: [TYPE('accepted')] }, t.banken);
    await ok(DELETE, { id: local.subscription.id }, t.banken);
  });

  it('a paused subscription gets nothing; a rotated secret signs alongside the old one', async () => {
    const id = await askHakon(t.banken);
    const paused = await subscribe({ url: receivers.url('/paused'), eventTypes: [TYPE('accepted')], consentRequestIds: [id] }, t.banken);
    const rotated = await subscribe({ url: receivers.url('/rotated'), eventTypes: [TYPE('accepted')], consentRequestIds: [id] }, t.banken);
    await ok(ENABLE, { id: paused.subscription.id, enabled: false }, t.banken);
    const { rotateWebhookSecret } = await ok(ROTATE, { id: rotated.subscription.id }, t.banken);
    expect(rotateWebhookSecret.secret).not.toBe(rotated.secret);
    await ok(ACCEPT, { id }, t.hakon);
    const [got] = await receivers.until('/rotated', (g) => g.length >= 1);
    expect(String(got!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(got!, [rotateWebhookSecret.secret, rotated.secret])).toEqual([rotateWebhookSecret.secret, rotated.secret]);
    // The same event was stored for both subscriptions at once, or for neither: the paused one got none.
    expect(receivers.at('/paused')).toHaveLength(0);
    expect((await ok(SUBSCRIPTION, { id: paused.subscription.id }, t.banken)).webhookSubscription.deliveries).toEqual([]);
  });

  it('delivers a delegation change to the organisations it concerns (from and to), and to no one else', async () => {
    const [banken, finansiering, tranabygg, hakon] = (await Promise.all(
      ['banken', 'finansiering', 'tranabygg', 'hakon'].map((k) => stack.partyId(k)),
    )) as [string, string, string, string];
    const eventTypes = ['no.altinn.hub.delegation.created'];
    const bank = await subscribe({ url: receivers.url('/delegations/banken'), eventTypes }, t.banken);
    await subscribe({ url: receivers.url('/delegations/finansiering'), eventTypes }, t.finansiering);
    const delegate = (fromId: string, toId: string) =>
      stack.database.db.transaction((tx) =>
        insertDelegation(tx, { fromId, toId, resourceId: 'ske-inntekt-skattegrunnlag', actions: ['read'], createdById: hakon }),
      );
    const given = await delegate(banken, hakon);
    const received = await delegate(tranabygg, finansiering);
    const [toFinansiering] = await receivers.until('/delegations/finansiering', (g) => g.length >= 1);
    const [fromBank] = await receivers.until('/delegations/banken', (g) => g.length >= 1);
    expect(eventOf(fromBank!)).toMatchObject({
      type: 'no.altinn.hub.delegation.created',
      subject: given.id,
      data: { party: `urn:altinn:party:uuid:${banken}` },
    });
    expect(verify(fromBank!, [bank.secret])).toEqual([bank.secret]);
    expect(eventOf(toFinansiering!).subject).toBe(received.id);
    // Each event's deliveries are stored in one statement: the second one's owes the bank nothing.
    const stored = await rowsOf<{ subject: string }>(
      stack.database.db,
      sql`select subject from webhooks.deliveries where subscription_id = ${bank.subscription.id}::uuid`,
    );
    expect(stored.map((r) => r.subject)).toEqual([given.id]);
    expect(receivers.at('/delegations/banken')).toHaveLength(1);
    expect(receivers.at('/delegations/finansiering')).toHaveLength(1);
  });

  it('prints commit-to-webhook latency over 200 events', async () => {
    const N = 200;
    const hakon = await stack.partyId('hakon');
    const banken = await stack.partyId('banken');
    const consents = await newConsents(stack.database.db, N, hakon, banken);
    const sub = await subscribe({ url: receivers.url('/perf'), eventTypes: [TYPE('token-issued')] }, t.banken);
    const db = writers?.db ?? stack.database.db;
    const committed = new Map<string, number>();
    const writes: Promise<void>[] = [];
    const started = performance.now();
    // About 100 writes a second, each its own transaction: latency, not a queue behind a burst.
    for (const consentId of consents) {
      writes.push(
        consentWrite(db, async (tx) => {
          await lockConsent(tx, consentId);
          await recordEvent(tx, { consentId, type: 'TOKEN_ISSUED', performedById: banken, at: new Date() });
        }).then(() => void committed.set(consentId, performance.now())),
      );
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(writes);
    const got = await receivers.until('/perf', (g) => new Set(g.map((x) => eventOf(x).subject)).size >= N, 60_000);
    const first = new Map<string, number>();
    for (const g of got) if (!first.has(eventOf(g).subject)) first.set(eventOf(g).subject, g.at);
    const latencies = consents.map((c) => first.get(c)! - committed.get(c)!).sort((a, b) => a - b);
    for (const g of got.slice(0, 5)) expect(verify(g, [sub.secret])).toEqual([sub.secret]);

    // The dispatcher's share: from the moment JetStream stored the event (the relay's publish) to the webhook.
    const nc = await connect({ servers: NATS_URL });
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(s.stream);
    const storedAt = new Map<string, number>();
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(s.stream, { seq });
      storedAt.set(m.json<{ id: string }>().id, m.time.getTime());
    }
    await nc.close();
    const firstWall = new Map<string, number>();
    for (const g of got) if (!firstWall.has(eventOf(g).id)) firstWall.set(eventOf(g).id, g.wall);
    const fromStream = [...firstWall].map(([id, wall]) => wall - storedAt.get(id)!).sort((a, b) => a - b);
    const q = (xs: number[], at: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * at))]!.toFixed(1);
    console.log(
      `webhooks (${stack.database.kind}): ${N} consent events written at ~${Math.round((N / (performance.now() - started)) * 1000)}/s; ` +
        `commit to webhook received: p50 ${q(latencies, 0.5)} ms, p99 ${q(latencies, 0.99)} ms, max ${latencies.at(-1)!.toFixed(1)} ms; ` +
        `JetStream to webhook received: p50 ${q(fromStream, 0.5)} ms, p99 ${q(fromStream, 0.99)} ms; ${got.length - N} repeats`,
    );
  }, 90_000);
});
