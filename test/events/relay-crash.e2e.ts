import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf, type Db } from '@hub/db';
import { startRelay } from '@hub/events';
import { consentWrite, lockConsent, recordEvent } from '../../subgraphs/consents/src/consent/consent.store';
import { startTestStack, type TestStack } from '../support/stack';
import { dedupe, NATS_URL, newConsents, StreamReader, uniqueStream, type Published } from './support';

// Nothing committed is lost when the relay dies abruptly (SIGKILL, between an ack and saving its position) or the
// broker goes away: the relay resumes from its saved position and republishes with the same ids.
// The first test starts two relay processes (tsx): slow on a loaded machine.
vi.setConfig({ testTimeout: 90_000 });

let stack: TestStack;
let banken: string;
let hakon: string;
beforeAll(async () => {
  stack = await startTestStack();
  banken = await stack.partyId('banken');
  hakon = await stack.partyId('hakon');
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

const writeEach = async (db: Db, consents: string[]) => {
  for (const consentId of consents)
    await consentWrite(db, async (tx) => {
      await lockConsent(tx, consentId);
      await recordEvent(tx, { consentId, type: 'TOKEN_ISSUED', performedById: banken, at: new Date() });
    });
};

/** Published events of these consents, deduped, against the outbox's order. */
async function expectAllInOrder(reader: StreamReader, consents: string[]): Promise<Published[]> {
  const mine = new Set(consents);
  const messages = await reader.until(
    (m) => new Set(m.filter((x) => mine.has(x.event.subject)).map((x) => x.event.id)).size >= consents.length,
    60_000,
  );
  const published = dedupe(messages).filter((m) => mine.has(m.event.subject));
  const outbox = await rowsOf<{ event_id: string }>(
    stack.database.db,
    sql`select event_id from events.outbox where entity_id in (${sql.join(
      consents.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) order by commit_seq, id`,
  );
  expect(published.map((m) => m.event.id)).toEqual(outbox.map((r) => r.event_id));
  expect(published).toHaveLength(consents.length);
  return messages.filter((m) => mine.has(m.event.subject));
}

describe('event relay across failures', () => {
  it.runIf(!!process.env.DATABASE_URL)('loses nothing when the relay process is killed (SIGKILL) mid-stream and started again', async () => {
    const s = uniqueStream();
    const reader = await StreamReader.open(s.stream);
    const env = {
      ...process.env,
      DATABASE_URL: stack.databaseUrl,
      NATS_URL,
      NATS_STREAM: s.stream,
      NATS_SUBJECT_PREFIX: s.subjectPrefix,
      LOG_LEVEL: 'warn',
    };
    const relayProcess = (): ChildProcess => spawn(process.execPath, ['--import', 'tsx', 'events/src/main.ts'], { env, stdio: 'inherit' });
    const consents = await newConsents(stack.database.db, 300, hakon, banken);
    let relay = relayProcess();
    try {
      // Half written while it publishes, killed once some are out, the other half committed while it is dead.
      const writing = writeEach(stack.database.db, consents.slice(0, 150));
      const mine = new Set(consents);
      await reader.until((m) => m.filter((x) => mine.has(x.event.subject)).length >= 40, 60_000);
      relay.kill('SIGKILL');
      await new Promise((r) => relay.once('exit', r));
      const atKill = (await reader.all()).filter((x) => mine.has(x.event.subject)).length;
      await writing;
      await writeEach(stack.database.db, consents.slice(150));
      expect(atKill).toBeLessThan(consents.length);
      relay = relayProcess();
      const messages = await expectAllInOrder(reader, consents);
      console.log(
        `events: relay killed after ${atKill} of ${consents.length} events; after restart all ${consents.length} published in order, ${messages.length - consents.length} republished (same id)`,
      );
    } finally {
      relay.kill('SIGKILL');
      await reader.close();
    }
  });

  it('loses nothing across a broker outage (connections cut, port closed, then back)', async () => {
    // The relay reaches NATS through this proxy; closing it is an outage the relay cannot tell from a real one.
    const sockets = new Set<Socket>();
    let server: Server | undefined;
    const listen = (port: number) =>
      new Promise<number>((resolve) => {
        server = createServer((client) => {
          const upstream = new Socket();
          const u = new URL(NATS_URL);
          upstream.connect(Number(u.port || 4222), u.hostname);
          for (const sock of [client, upstream]) {
            sockets.add(sock);
            sock.on('error', () => {});
            sock.on('close', () => sockets.delete(sock));
          }
          client.pipe(upstream).pipe(client);
        });
        server.listen(port, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port));
      });
    const cut = async () => {
      const closed = new Promise((r) => server!.close(r));
      for (const sock of sockets) sock.destroy();
      await closed;
    };
    const port = await listen(0);

    const s = uniqueStream();
    const reader = await StreamReader.open(s.stream);
    let failures = 0;
    const relay = await startRelay({
      database: stack.database,
      natsUrl: `nats://127.0.0.1:${port}`,
      ...s,
      source: 'urn:altinn:hub:test',
      name: `outage-${Date.now()}`,
      idleMs: 10,
      publishTimeoutMs: 500,
      log: { info: () => {}, warn: () => void failures++ },
    });
    try {
      const consents = await newConsents(stack.database.db, 150, hakon, banken);
      await writeEach(stack.database.db, consents.slice(0, 50));
      const mine = new Set(consents);
      await reader.until((m) => m.some((x) => mine.has(x.event.subject)));
      await cut();
      // Written while the broker is unreachable: committed, so they must come out once it is back.
      await writeEach(stack.database.db, consents.slice(50, 100));
      await new Promise((r) => setTimeout(r, 1500));
      await listen(port);
      await writeEach(stack.database.db, consents.slice(100));
      const messages = await expectAllInOrder(reader, consents);
      expect(failures).toBeGreaterThan(0);
      console.log(
        `events (${stack.database.kind}): broker outage of 1.5 s, ${failures} failed relay batches; all ${consents.length} published in order, ${messages.length - consents.length} republished (same id)`,
      );
    } finally {
      await relay.stop();
      await reader.close();
      server?.close();
    }
  });
});
