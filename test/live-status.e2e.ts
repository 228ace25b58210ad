import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, CREATE, REVOKE, URN, errorOf, inSeconds, storyTokens } from './support/consents';
import { CONSENT_REQUEST_STATUS, SseSubscription, type StatusEvent } from './support/sse';
import { startTestStack, type TestStack } from './support/stack';
import { statusWatcherOf } from '../subgraphs/consents/src/live/status-watcher';

// The live status of one consent request (issue 12 point 4): a GraphQL subscription through the router, client to
// router and router to the consents subgraph over Server-Sent Events.
let stack: TestStack;
let tokens: Awaited<ReturnType<typeof storyTokens>>;
const open: SseSubscription<StatusEvent>[] = [];

beforeAll(async () => {
  // A short poll keeps the test quick; the default is 500 ms.
  stack = await startTestStack({ env: { LIVE_STATUS_POLL_MS: '50' } });
  tokens = await storyTokens(stack);
}, 120_000);
afterAll(async () => {
  for (const s of open) s.close();
  await stack?.close();
});

async function subscribe(id: string, token?: string) {
  const s = await SseSubscription.open<StatusEvent>(stack.url, CONSENT_REQUEST_STATUS, { id }, token);
  open.push(s);
  return s;
}

async function createRequest(): Promise<string> {
  const created = await stack.graphql(
    CREATE,
    {
      input: {
        from: URN.hakon,
        validTo: inSeconds(3600),
        rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
        redirectUrl: 'http://localhost:9999/callback',
      },
    },
    tokens.banken,
  );
  expect(created.body.errors).toBeUndefined();
  return created.body.data.createConsentRequest.id as string;
}

describe('consentRequestStatus subscription over SSE', () => {
  it('sends the requester the current status first, then ACCEPTED and REVOKED as they happen', async () => {
    const id = await createRequest();
    const bank = await subscribe(id, tokens.banken);
    expect(bank.status).toBe(200);
    expect(bank.contentType).toContain('text/event-stream');

    const first = await bank.nth(1);
    expect(first.errors).toBeUndefined();
    expect(first.data!.consentRequestStatus).toMatchObject({ id, status: 'CREATED' });
    expect(Date.parse(first.data!.consentRequestStatus.at)).not.toBeNaN();

    const accepted = await stack.graphql(ACCEPT, { id }, tokens.hakon);
    expect(accepted.body.errors).toBeUndefined();
    const second = await bank.nth(2);
    expect(second.data!.consentRequestStatus).toMatchObject({ id, status: 'ACCEPTED' });
    expect(Date.parse(second.data!.consentRequestStatus.at)).toBeGreaterThanOrEqual(Date.parse(first.data!.consentRequestStatus.at));

    const revoked = await stack.graphql(REVOKE, { id }, tokens.hakon);
    expect(revoked.body.errors).toBeUndefined();
    expect((await bank.nth(3)).data!.consentRequestStatus).toMatchObject({ id, status: 'REVOKED' });
    // One event per change: nothing repeated while nothing changes.
    await new Promise((r) => setTimeout(r, 300));
    expect(bank.received.map((r) => r.data?.consentRequestStatus.status)).toEqual(['CREATED', 'ACCEPTED', 'REVOKED']);

    // A later subscriber starts from the status as it is now.
    const late = await subscribe(id, tokens.banken);
    expect((await late.nth(1)).data!.consentRequestStatus).toMatchObject({ id, status: 'REVOKED' });
  });

  it('refuses another bank (NOT_FOUND), the person asked (FORBIDDEN), no token and an unknown id, at subscribe time', async () => {
    const id = await createRequest();
    const other = await subscribe(id, tokens.finansiering);
    const refusal = await other.nth(1);
    expect(errorOf(refusal)?.code).toBe('NOT_FOUND');
    expect(refusal.data?.consentRequestStatus).toBeFalsy();
    await other.ended();

    const person = await subscribe(id, tokens.hakon);
    expect(errorOf(await person.nth(1))?.code).toBe('FORBIDDEN');
    await person.ended();

    const anonymous = await subscribe(id);
    expect(errorOf(await anonymous.nth(1))?.code).toBe('UNAUTHENTICATED');

    const unknown = await subscribe(crypto.randomUUID(), tokens.banken);
    expect(errorOf(await unknown.nth(1))?.code).toBe('NOT_FOUND');

    // Asked for JSON only: refused at once (a subscription is a stream), not a request left hanging.
    const plain = await fetch(stack.url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${tokens.banken}` },
      body: JSON.stringify({ query: CONSENT_REQUEST_STATUS, variables: { id } }),
      signal: AbortSignal.timeout(10_000),
    });
    expect(plain.status).toBe(406);
    expect(errorOf((await plain.json()) as never)?.code).toBe('BAD_REQUEST');

    // The refused never learn of a change: the bank that asked does.
    const bank = await subscribe(id, tokens.banken);
    expect((await bank.nth(1)).data!.consentRequestStatus.status).toBe('CREATED');
    expect((await stack.graphql(ACCEPT, { id }, tokens.hakon)).body.errors).toBeUndefined();
    expect((await bank.nth(2)).data!.consentRequestStatus.status).toBe('ACCEPTED');
    expect(other.received).toHaveLength(1);
  });

  it('stops watching when the client goes away (router and subgraph let go of the stream)', async () => {
    // The subgraphs run in this process on this database: its watcher is the one they use.
    const watcher = statusWatcherOf(stack.database.db, 50);
    for (const s of open.splice(0)) s.close();
    await expect.poll(() => watcher.size, { timeout: 10_000 }).toBe(0);
    const id = await createRequest();
    const subs = await Promise.all([subscribe(id, tokens.banken), subscribe(id, tokens.banken)]);
    await Promise.all(subs.map((s) => s.nth(1)));
    expect(watcher.size).toBe(2);
    subs[0]!.close();
    await expect.poll(() => watcher.size, { timeout: 10_000 }).toBe(1);
    subs[1]!.close();
    await expect.poll(() => watcher.size, { timeout: 10_000 }).toBe(0);
  });
});
