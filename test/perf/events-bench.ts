// `npx tsx test/perf/events-bench.ts [--writers 20] [--events 4000] [--rate 0]` (DATABASE_URL for Postgres, otherwise
// the embedded database; NATS_URL, default nats://127.0.0.1:4222, a JetStream server)
//
// Events from commit to JetStream: `--writers` connections commit `--events` consent events (each its own
// transaction on its own consent: lock the request, write the event, as the hub's consent mutations do), as fast as
// they can or at `--rate` commits/s in all, while the outbox relay (events/src/relay.ts; its own process on Postgres)
// publishes them to a stream of this run only. Prints the commit rate, the rate at which events reached the stream, the latency from each commit
// (when COMMIT returned to the writer) to the stream's storing the event (its JetStream timestamp, read back after the
// run; same machine, same clock) as p50/p90/p99/max, and checks the stream against the outbox: every event, once
// after dedupe, in commit order.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { connect } from 'nats';
import { createDatabase, rowsOf } from '@hub/db';
import { insertAcceptedConsents } from '@hub/db/testing';
import { startRelay } from '@hub/events';
import { consentWrite, lockConsent, recordEvent } from '../../subgraphs/consents/src/consent/consent.store';
import { uniqueStream, NATS_URL } from '../events/support';
import { startTestStack } from '../support/stack';

const { values } = parseArgs({
  options: {
    writers: { type: 'string', default: '20' },
    events: { type: 'string', default: '4000' },
    rate: { type: 'string', default: '0' },
  },
});
const WRITERS = Number(values.writers);
const EVENTS = Number(values.events);
const RATE = Number(values.rate);

const step = (what: string) => process.env.BENCH_DEBUG && console.error(`${new Date().toISOString()} ${what}`);
const stack = await startTestStack();
step('stack');
const writers = stack.databaseUrl ? createDatabase({ url: stack.databaseUrl, poolSize: WRITERS }) : undefined;
const db = writers?.db ?? stack.database.db;
const banken = await stack.partyId('banken');
const hakon = await stack.partyId('hakon');
const consents: string[] = [];
for (let i = 0; i < EVENTS; i += 1000)
  consents.push(...(await insertAcceptedConsents(stack.database.db, { fromId: hakon, toId: banken, count: Math.min(1000, EVENTS - i) })));

step('consents');
const s = uniqueStream();
// On Postgres the relay runs as deployed, in its own process (`npm run start:relay`), not competing with the writers for
// this event loop; the embedded database lives in this process, so there it runs here.
const relay: { stop(): Promise<void> } = stack.databaseUrl
  ? spawnRelay(stack.databaseUrl)
  : await startRelay({ database: stack.database, natsUrl: NATS_URL, ...s, source: 'urn:altinn:hub:bench', name: `bench-${Date.now()}`, idleMs: 5 });
function spawnRelay(databaseUrl: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'events/src/main.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NATS_URL, NATS_STREAM: s.stream, NATS_SUBJECT_PREFIX: s.subjectPrefix, LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  return {
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
const nc = await connect({ servers: NATS_URL });
const jsm = await nc.jetstreamManager();
// The relay creates the stream on its first batch: wait for it.
for (let i = 0; ; i++) {
  if (await jsm.streams.info(s.stream).catch(() => undefined)) break;
  if (i > 1200) throw new Error('the relay did not create the stream');
  await new Promise((r) => setTimeout(r, 25));
}

const committedAt = new Map<string, number>(); // consent id -> wall clock ms when COMMIT returned
const stored = new Map<string, number>(); // consent id -> JetStream timestamp (ms)
const order: string[] = [];
const mine = new Set(consents);
const wall = () => performance.timeOrigin + performance.now();
/** An RFC 3339 timestamp with nanoseconds (JetStream's) as epoch milliseconds with the fraction. */
const nanosOf = (ts: string) => {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(ts);
  if (!m) return Date.parse(ts);
  return Date.parse(`${m[1]}${m[3]}`) + Number(`0.${m[2] ?? '0'}`) * 1000;
};

const queue = [...consents];
const started = wall();
let issued = 0;
await Promise.all(
  Array.from({ length: WRITERS }, async () => {
    for (let consentId = queue.shift(); consentId; consentId = queue.shift()) {
      if (RATE > 0) {
        const due = started + (issued++ / RATE) * 1000;
        const wait = due - wall();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      await consentWrite(db, async (tx) => {
        await lockConsent(tx, consentId);
        await recordEvent(tx, { consentId, type: 'TOKEN_ISSUED', performedById: banken, at: new Date() });
      });
      committedAt.set(consentId, wall());
    }
  }),
);
const lastCommit = wall();
step('committed');
// Every event on the stream (the relay may still be publishing): then each one's JetStream timestamp, read back.
for (let waited = 0; ; waited += 20) {
  const info = await jsm.streams.info(s.stream);
  if (info.state.messages >= EVENTS) break;
  if (waited > 120_000) throw new Error(`only ${info.state.messages} of ${EVENTS} events on the stream`);
  await new Promise((r) => setTimeout(r, 20));
}
const info = await jsm.streams.info(s.stream);
for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
  const m = await jsm.streams.getMessage(s.stream, { seq });
  const event = m.json<{ id: string; subject: string }>();
  if (!mine.has(event.subject) || stored.has(event.subject)) continue;
  stored.set(event.subject, nanosOf(m.timestamp));
  order.push(event.id);
}
const lastIn = Math.max(...stored.values());

// The stream against the outbox: every event once, in commit order (transaction-id order before migration 0012).
const [{ has } = { has: false }] = await rowsOf<{ has: boolean }>(
  stack.database.db,
  sql`select exists (select 1 from information_schema.columns where table_schema = 'events' and table_name = 'outbox' and column_name = 'commit_seq') as has`,
);
const ORDER = has ? sql`o.commit_seq, o.id` : sql`o.xact_id, o.id`;
const outbox = (
  await rowsOf<{ event_id: string }>(
    stack.database.db,
    sql`select o.event_id from events.outbox o where o.entity_id in (${sql.join(
      consents.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) order by ${ORDER}`,
  )
).map((r) => r.event_id);
const inOrder = outbox.length === order.length && outbox.every((id, i) => order[i] === id);

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const summary = (name: string, at: Map<string, number>) => {
  const xs = consents.map((c) => at.get(c)! - committedAt.get(c)!).sort((a, b) => a - b);
  return `${name}: p50 ${pct(xs, 50).toFixed(1)} ms, p90 ${pct(xs, 90).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${xs.at(-1)!.toFixed(1)} ms`;
};
console.log(
  [
    `events bench (${stack.database.kind}, NATS ${NATS_URL}): ${EVENTS} consent events, ${WRITERS} writer connection(s)${RATE ? `, offered ${RATE} commits/s` : ', as fast as they commit'}`,
    `  committed: ${Math.round((EVENTS / (lastCommit - started)) * 1000)} commits/s over ${((lastCommit - started) / 1000).toFixed(2)} s`,
    `  on JetStream: ${Math.round((EVENTS / (lastIn - started)) * 1000)} events/s from the first commit's start to the last event stored (${((lastIn - lastCommit) / 1000).toFixed(2)} s after the last commit)`,
    `  commit -> stored in JetStream ${summary('', stored).slice(2)}`,
    `  stream = outbox in commit order, each once: ${inOrder}`,
  ].join('\n'),
);
await nc.close();
await relay.stop();
await writers?.close();
await stack.close();
if (!inOrder) process.exit(1);
