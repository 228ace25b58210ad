import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentWrite, lockConsent, recordEvent } from '../../subgraphs/consents/src/consent/consent.store';
import { errorOf } from '../support/consents';
import { productionEnv, startTestIssuers, type TestIssuers } from '../support/issuers';
import { startTestStack, type TestStack } from '../support/stack';
import { NATS_URL, newConsents, uniqueStream } from './support';

// Webhooks in production (WEBHOOK_ALLOW_PRIVATE_ADDRESSES left to its default there: false) call only public
// addresses: a subscription naming an internal IP address or localhost is refused, and a receiver on an internal
// address (a subscription made while that was allowed, or a name that resolves to one) gets no request: each attempt
// records the refusal. A local receiver stands in for the internal service a partner would have the hub call.

const MAX_ATTEMPTS = 2;
const TOKEN_ISSUED = 'no.altinn.hub.consent.token-issued';
const SUBSCRIBE = /* GraphQL */ `
  mutation Subscribe($input: CreateWebhookSubscriptionInput!) {
    createWebhookSubscription(input: $input) { subscription { id url } }
  }`;
const DELIVERIES = /* GraphQL */ `
  query Deliveries($id: ID!) {
    webhookSubscription(id: $id) { deliveries { status attemptCount attempts { number httpStatus error succeeded } } }
  }`;

let issuers: TestIssuers;
let stack: TestStack;
let receiver: Server;
let requests = 0;
let banken: string;
const s = uniqueStream();
beforeAll(async () => {
  receiver = createServer((_req, res) => {
    requests++;
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  issuers = await startTestIssuers();
  stack = await startTestStack({
    env: productionEnv(issuers, {
      NATS_URL,
      NATS_STREAM: s.stream,
      NATS_SUBJECT_PREFIX: s.subjectPrefix,
      WEBHOOK_CONSUMER: `test-webhooks-${s.stream}`,
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      WEBHOOK_TIMEOUT_MS: '2000',
    }),
  });
  banken = await issuers.maskinporten.sign({
    consumer: { authority: 'iso6523-actorid-upis', ID: '0192:310000108' },
    scope: 'altinn:consentrequests.write',
    client_id: 'banken-system',
  });
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await issuers?.close();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
  const nc = await connect({ servers: NATS_URL });
  await (await nc.jetstreamManager()).streams.delete(s.stream).catch(() => {});
  await nc.close();
});

const local = (host: string) => `http://${host}:${(receiver.address() as AddressInfo).port}/hook`;

describe('webhooks in production reach only public addresses', () => {
  it('refuses a subscription to an internal address with BAD_USER_INPUT naming input.url', async () => {
    for (const [url, host] of [
      ['https://169.254.169.254/latest/meta-data/', '169.254.169.254'],
      ['https://[::ffff:10.0.0.1]/hook', '::ffff:a00:1'],
      ['https://10.0.0.5/hook', '10.0.0.5'],
      ['https://[fd00::1]/hook', 'fd00::1'],
      ['https://[64:ff9b::7f00:1]/hook', '64:ff9b::7f00:1'],
      [local('127.0.0.1'), '127.0.0.1'],
      [local('localhost'), 'localhost'],
    ]) {
      const { body } = await stack.graphql(SUBSCRIBE, { input: { url, eventTypes: [TOKEN_ISSUED] } }, banken);
      expect({ url, ...errorOf(body) }).toEqual({
        url,
        code: 'BAD_USER_INPUT',
        field: 'input.url',
        message: expect.stringContaining(`must name a public host: ${host} is not a public address`),
      });
    }
    const { body } = await stack.graphql(SUBSCRIBE, { input: { url: 'https://banken.example/hooks', eventTypes: [TOKEN_ISSUED] } }, banken);
    expect(body.errors).toBeUndefined();
  });

  it('sends nothing to a receiver on an internal address: each attempt records the refusal', async () => {
    const subscribe = async () => {
      const { body } = await stack.graphql(SUBSCRIBE, { input: { url: 'https://banken.example/hooks', eventTypes: [TOKEN_ISSUED] } }, banken);
      expect(body.errors).toBeUndefined();
      return body.data.createWebhookSubscription.subscription.id as string;
    };
    // As if made while private addresses were allowed: one by address, one by a name that resolves to loopback.
    const byAddress = await subscribe();
    const byName = await subscribe();
    await stack.database.db.execute(sql`update webhooks.subscriptions set url = ${local('127.0.0.1')} where id = ${byAddress}::uuid`);
    await stack.database.db.execute(sql`update webhooks.subscriptions set url = ${local('localhost')} where id = ${byName}::uuid`);

    const [consentId] = await newConsents(stack.database.db, 1, await stack.partyId('hakon'), await stack.partyId('banken'));
    const bank = await stack.partyId('banken');
    await consentWrite(stack.database.db, async (tx) => {
      await lockConsent(tx, consentId!);
      await recordEvent(tx, { consentId: consentId!, type: 'TOKEN_ISSUED', performedById: bank, at: new Date() });
    });

    const failed = async (id: string) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { body } = await stack.graphql(DELIVERIES, { id }, banken);
        expect(body.errors).toBeUndefined();
        const [delivery] = body.data.webhookSubscription.deliveries;
        if (delivery?.status === 'FAILED') return delivery;
        if (Date.now() > deadline) throw new Error(`subscription ${id}: no FAILED delivery after 30 s (${JSON.stringify(delivery)})`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const [toAddress, toName] = await Promise.all([failed(byAddress), failed(byName)]);
    expect(toAddress).toEqual({
      status: 'FAILED',
      attemptCount: MAX_ATTEMPTS,
      attempts: [1, 2].map((number) => ({ number, httpStatus: null, error: 'refused: 127.0.0.1 is not a public address', succeeded: false })),
    });
    expect(toName.attempts).toHaveLength(MAX_ATTEMPTS);
    for (const a of toName.attempts) {
      expect(a).toMatchObject({ httpStatus: null, succeeded: false });
      expect(a.error).toMatch(/^refused: localhost resolves to (127\.0\.0\.1|::1), which is not a public address$/);
    }
    expect(requests).toBe(0);
  });
});
