import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@hub/db';
import { connect } from 'nats';
import { consentWrite, lockConsent, recordEvent } from '../../subgraphs/consents/src/consent/consent.store';
import { startTestStack, type TestStack } from '../support/stack';
import { NATS_URL, newConsents, uniqueStream } from './support';

// No webhook is lost when the process running relay and dispatcher (`npm run start:relay`) is killed (SIGKILL) while
// attempts are in flight: after a restart their leases run out and they are sent again, with the same id and body.
// The graph runs without NATS here; only the spawned process publishes and delivers.
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

describe('webhook dispatcher across a crash', () => {
  it.runIf(!!process.env.DATABASE_URL)(
    'loses no delivery when killed mid-attempt (SIGKILL) and started again',
    async () => {
      const received: { id: string; body: string; headers: IncomingHttpHeaders }[] = [];
      // Every answer takes 150 ms, so that attempts are in flight when the process dies.
      const receiver = createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        received.push({ id: String(req.headers['webhook-id']), body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
        setTimeout(() => res.writeHead(204).end(), 150);
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

      const s = uniqueStream();
      const env = {
        ...process.env,
        DATABASE_URL: stack.databaseUrl,
        NATS_URL,
        NATS_STREAM: s.stream,
        NATS_SUBJECT_PREFIX: s.subjectPrefix,
        WEBHOOK_TIMEOUT_MS: '1000',
        WEBHOOK_RETRY_BASE_MS: '100',
        WEBHOOK_CONCURRENCY: '4',
        LOG_LEVEL: 'warn',
      };
      const start = (): ChildProcess => spawn(process.execPath, ['--import', 'tsx', 'events/src/main.ts'], { env, stdio: 'inherit' });

      const banken = await stack.partyId('banken');
      const hakon = await stack.partyId('hakon');
      const consents = await newConsents(stack.database.db, 120, hakon, banken);
      const { body } = await stack.graphql(
        `mutation($i: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { subscription { id } } }`,
        { i: { url, eventTypes: ['no.altinn.hub.consent.token-issued'] } },
        await stack.token({ client: 'banken-system' }),
      );
      expect(body.errors).toBeUndefined();
      const subscriptionId = body.data.createWebhookSubscription.subscription.id as string;
      for (const consentId of consents)
        await consentWrite(stack.database.db, async (tx) => {
          await lockConsent(tx, consentId);
          await recordEvent(tx, { consentId, type: 'TOKEN_ISSUED', performedById: banken, at: new Date() });
        });

      const until = async (done: () => boolean, ms: number, what: string) => {
        const deadline = Date.now() + ms;
        while (!done()) {
          if (Date.now() > deadline) throw new Error(`${what}: not after ${ms} ms`);
          await new Promise((r) => setTimeout(r, 25));
        }
      };
      let dispatcher = start();
      try {
        await until(() => received.length >= 20, 60_000, '20 webhooks before the kill');
        dispatcher.kill('SIGKILL');
        await new Promise((r) => dispatcher.once('exit', r));
        const atKill = new Set(received.map((r) => r.id)).size;
        expect(atKill).toBeLessThan(consents.length);
        dispatcher = start();
        await until(() => new Set(received.map((r) => r.id)).size >= consents.length, 90_000, 'every event delivered');
        // Every delivery ends SUCCEEDED; an event received twice was the same message.
        const status = async () =>
          rowsOf<{ status: string; n: string }>(
            stack.database.db,
            sql`select status, count(*)::text as n from webhooks.deliveries where subscription_id = ${subscriptionId}::uuid group by status`,
          );
        const deadline = Date.now() + 30_000;
        let rows = await status();
        while (!(rows.length === 1 && rows[0]!.status === 'SUCCEEDED') && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 100));
          rows = await status();
        }
        expect(rows).toEqual([{ status: 'SUCCEEDED', n: String(consents.length) }]);
        const bodies = new Map<string, string>();
        for (const r of received) {
          expect(bodies.get(r.id) ?? r.body).toBe(r.body);
          bodies.set(r.id, r.body);
        }
        expect(new Set([...bodies.values()].map((b) => (JSON.parse(b) as { subject: string }).subject))).toEqual(new Set(consents));
        console.log(
          `webhooks: dispatcher killed after ${atKill} of ${consents.length} events delivered; after restart all delivered, ${received.length - consents.length} sent again (same id and body)`,
        );
      } finally {
        dispatcher.kill('SIGKILL');
        receiver.closeAllConnections();
        await new Promise((r) => receiver.close(r));
        const nc = await connect({ servers: NATS_URL });
        await (await nc.jetstreamManager()).streams.delete(s.stream).catch(() => {});
        await nc.close();
      }
    },
    180_000,
  );
});
