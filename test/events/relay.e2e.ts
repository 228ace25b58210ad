import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, rowsOf, type Database, type Db } from '@hub/db';
import { startRelay, type OutboxRow, type Relay } from '@hub/events';
import { consentWrite, lockConsent, recordEvent } from '../../subgraphs/consents/src/consent/consent.store';
import { writeAudit } from '../../subgraphs/delegations/src/audit/audit';
import { startTestStack, type TestStack } from '../support/stack';
import { dedupe, NATS_URL, newConsents, StreamReader, uniqueStream } from './support';

// The outbox relay against the real NATS server (JetStream) on 127.0.0.1:4222, on the embedded database by default
// and on Postgres with DATABASE_URL (there with 25 connections writing at once).
const WRITES = 200;
const CONNECTIONS = 25;

let stack: TestStack;
let writers: Database | undefined;
let banken: string;
let hakon: string;
beforeAll(async () => {
  stack = await startTestStack();
  if (stack.databaseUrl) writers = createDatabase({ url: stack.databaseUrl, poolSize: CONNECTIONS });
  banken = await stack.partyId('banken');
  hakon = await stack.partyId('hakon');
}, 120_000);
afterAll(async () => {
  await writers?.close();
  await stack?.close();
});

/** Outbox event ids of these entities in the outbox's (commit) order. */
const outboxOrder = async (db: Db, entityIds: string[]) =>
  (
    await rowsOf<{ event_id: string; entity_id: string }>(
      db,
      sql`select event_id, entity_id from events.outbox where entity_id in (${sql.join(
        entityIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) order by commit_seq, id`,
    )
  ).map((r) => r.event_id);

async function withRelay<T>(
  name: string,
  fn: (relay: Relay, reader: StreamReader, acked: Map<string, number>, s: ReturnType<typeof uniqueStream>, startedAt: number) => Promise<T>,
) {
  const s = uniqueStream();
  const acked = new Map<string, number>();
  const startedAt = performance.now();
  const relay = await startRelay({
    database: stack.database,
    natsUrl: NATS_URL,
    ...s,
    source: 'urn:altinn:hub:test',
    name,
    idleMs: 10,
    onPublished: (rows: OutboxRow[]) => {
      const now = performance.now();
      for (const r of rows) if (!acked.has(r.eventId)) acked.set(r.eventId, now);
    },
  });
  const reader = await StreamReader.open(s.stream);
  try {
    return await fn(relay, reader, acked, s, startedAt);
  } finally {
    await relay.stop();
    await reader.close();
  }
}

describe('event relay to NATS JetStream', () => {
  it(`publishes ${WRITES} concurrent consent writes in commit order, without gaps, as CloudEvents`, async () => {
    await withRelay(`order-${Date.now()}`, async (_relay, reader, acked, s) => {
      const db = writers?.db ?? stack.database.db;
      const consents = await newConsents(stack.database.db, WRITES, hakon, banken);
      const hold = writers ? () => Math.floor(Math.random() * 30) : () => 0;
      const writes: { consentId: string; started: number; committed: number }[] = [];
      const queue = [...consents];
      const firstStart = performance.now();
      await Promise.all(
        Array.from({ length: writers ? CONNECTIONS : 8 }, async () => {
          for (let consentId = queue.shift(); consentId; consentId = queue.shift()) {
            const started = performance.now();
            const ms = hold();
            await consentWrite(db, async (tx) => {
              await lockConsent(tx, consentId);
              await recordEvent(tx, { consentId, type: 'TOKEN_ISSUED', performedById: banken, at: new Date() });
              if (ms) await tx.execute(sql`select pg_sleep(${ms / 1000})`);
            });
            writes.push({ consentId, started, committed: performance.now() });
          }
        }),
      );
      const mine = new Set(consents);
      const messages = await reader.until((m) => new Set(m.filter((x) => mine.has(x.event.subject)).map((x) => x.event.id)).size >= WRITES);
      const published = dedupe(messages).filter((m) => mine.has(m.event.subject));

      // Exactly the committed events, once each after dedupe, in the outbox's (commit number, id) order.
      expect(published.map((m) => m.event.id)).toEqual(await outboxOrder(stack.database.db, consents));
      expect(published).toHaveLength(WRITES);
      // A repeat is only ever the same id (dedupe above throws otherwise); the broker dedupes on Nats-Msg-Id.
      for (const m of messages) expect(m.msgId).toBe(m.event.id);
      // Commit order: a write that committed before another began is published before it.
      const position = new Map(published.map((m, i) => [m.event.subject, i]));
      let ordered = 0;
      for (const a of writes)
        for (const b of writes)
          if (a.committed < b.started) {
            expect(position.get(a.consentId)!).toBeLessThan(position.get(b.consentId)!);
            ordered++;
          }
      // The CloudEvents shape, subjects by type and party, and no national identity number anywhere.
      const first = published[0]!;
      expect(first.subject).toBe(`${s.subjectPrefix}.consent.token-issued.${hakon}`);
      expect(first.event).toMatchObject({
        specversion: '1.0',
        source: 'urn:altinn:hub:test',
        type: 'no.altinn.hub.consent.token-issued',
        datacontenttype: 'application/json',
        data: { from: `urn:altinn:party:uuid:${hakon}`, to: `urn:altinn:party:uuid:${banken}`, performedBy: `urn:altinn:party:uuid:${banken}` },
      });
      expect(Date.parse(first.event.time)).not.toBeNaN();
      expect(JSON.stringify(messages)).not.toMatch(/(^|[^0-9a-f-])\d{11}([^0-9a-f-]|$)/);

      const latencies = writes.map((w) => acked.get(published[position.get(w.consentId)!]!.event.id)! - w.committed).sort((x, y) => x - y);
      const lastAck = Math.max(...[...acked.values()]);
      console.log(
        `events (${stack.database.kind}): ${WRITES} consent writes over ${writers ? CONNECTIONS : 8} connections, ${ordered} commit-before-start pairs checked; ` +
          `commit to JetStream ack: median ${latencies[WRITES >> 1]!.toFixed(1)} ms, p95 ${latencies[Math.floor(WRITES * 0.95)]!.toFixed(1)} ms; ` +
          `${Math.round((WRITES / (lastAck - firstStart)) * 1000)} events/s from first write to last ack; ${messages.length - published.length} duplicates`,
      );
    });
  });

  it('publishes nothing for a rolled-back write, and a delegation change as hub.delegation.<change>.<party>', async () => {
    await withRelay(`rollback-${Date.now()}`, async (_relay, reader, _acked, s) => {
      const [rolledBack, kept] = (await newConsents(stack.database.db, 2, hakon, banken)) as [string, string];
      await expect(
        consentWrite(stack.database.db, async (tx) => {
          await lockConsent(tx, rolledBack);
          await recordEvent(tx, { consentId: rolledBack, type: 'REVOKED', performedById: hakon, at: new Date() });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await consentWrite(stack.database.db, async (tx) => {
        await lockConsent(tx, kept);
        await recordEvent(tx, { consentId: kept, type: 'REVOKED', performedById: hakon, at: new Date() });
      });
      const delegationId = crypto.randomUUID();
      await stack.database.db.transaction((tx) =>
        writeAudit(tx, {
          actorId: hakon,
          action: 'DELEGATION_CREATED',
          entityType: 'DELEGATION',
          entityId: delegationId,
          partyId: banken,
          before: null,
          after: { secret: 'x' },
        }),
      );
      const messages = await reader.until((m) => m.some((x) => x.event.subject === delegationId));
      expect(messages.filter((m) => m.event.subject === kept).map((m) => m.subject)).toEqual([`${s.subjectPrefix}.consent.revoked.${hakon}`]);
      expect(messages.some((m) => m.event.subject === rolledBack)).toBe(false);
      expect(await outboxOrder(stack.database.db, [rolledBack])).toEqual([]);
      const delegation = messages.find((m) => m.event.subject === delegationId)!;
      expect(delegation.subject).toBe(`${s.subjectPrefix}.delegation.created.${banken}`);
      expect(delegation.event.data).toEqual({
        entityType: 'DELEGATION',
        entityId: delegationId,
        action: 'DELEGATION_CREATED',
        party: `urn:altinn:party:uuid:${banken}`,
        actor: `urn:altinn:party:uuid:${hakon}`,
      });
    });
  });

  it.runIf(!!process.env.DATABASE_URL)(
    'lets one of two relays on the same database publish each batch (advisory lock), the other standing by',
    async () => {
      const s = uniqueStream();
      const name = `pair-${Date.now()}`;
      const by = [new Set<string>(), new Set<string>()];
      const relays = await Promise.all(
        by.map((seen) =>
          startRelay({
            database: stack.database,
            natsUrl: NATS_URL,
            ...s,
            source: 'urn:altinn:hub:test',
            name,
            idleMs: 5,
            batchSize: 20,
            onPublished: (rows) => rows.forEach((r) => seen.add(r.eventId)),
          }),
        ),
      );
      const reader = await StreamReader.open(s.stream);
      try {
        const consents = await newConsents(stack.database.db, 100, hakon, banken);
        const queue = [...consents];
        await Promise.all(
          Array.from({ length: 10 }, async () => {
            for (let consentId = queue.shift(); consentId; consentId = queue.shift())
              await consentWrite(writers!.db, async (tx) => {
                await lockConsent(tx, consentId);
                await recordEvent(tx, { consentId, type: 'ACCEPTED', performedById: hakon, at: new Date() });
              });
          }),
        );
        const mine = new Set(consents);
        const messages = await reader.until((m) => m.filter((x) => mine.has(x.event.subject)).length >= consents.length);
        const ids = messages.filter((m) => mine.has(m.event.subject)).map((m) => m.event.id);
        expect(ids).toEqual(await outboxOrder(stack.database.db, consents));
        // No row went out through both relays: each batch was read and its position saved under the lock.
        const both = [...by[0]!].filter((id) => by[1]!.has(id));
        expect(both).toEqual([]);
        console.log(`events: two relays on one database published ${by[0]!.size} and ${by[1]!.size} events, none twice`);
      } finally {
        await Promise.all(relays.map((r) => r.stop()));
        await reader.close();
      }
    },
  );

  it('drains a backlog of committed events (relay throughput, commit to JetStream ack)', async () => {
    const consents = await newConsents(stack.database.db, 1000, hakon, banken);
    const db = writers?.db ?? stack.database.db;
    const queue = [...consents];
    await Promise.all(
      Array.from({ length: writers ? 20 : 1 }, async () => {
        for (let consentId = queue.shift(); consentId; consentId = queue.shift())
          await consentWrite(db, (tx) => recordEvent(tx, { consentId, type: 'USED', performedById: banken, at: new Date() }));
      }),
    );
    // A relay of a new name starts from the beginning: the story's events, earlier tests' and these 1000.
    const backlog = Number((await rowsOf<{ n: string }>(stack.database.db, sql`select count(*)::text as n from events.outbox`))[0]!.n);
    await withRelay(`backlog-${Date.now()}`, async (_relay, reader, acked, _s, started) => {
      while (acked.size < backlog) await new Promise((r) => setTimeout(r, 20));
      const ms = Math.max(...acked.values()) - started;
      const messages = await reader.all();
      expect(new Set(messages.map((m) => m.event.id)).size).toBe(backlog);
      console.log(
        `events (${stack.database.kind}): relay drained a backlog of ${backlog} committed events in ${ms.toFixed(0)} ms: ${Math.round((backlog / ms) * 1000)} events/s to JetStream ack`,
      );
    });
  }, 90_000);
});
