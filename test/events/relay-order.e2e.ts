import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, rowsOf, type Database } from '@hub/db';
import { startRelay, type Relay } from '@hub/events';
import { consentWrite, lockConsent, recordEvent } from '../../subgraphs/consents/src/consent/consent.store';
import { startTestStack, type TestStack } from '../support/stack';
import { dedupe, NATS_URL, newConsents, StreamReader, uniqueStream } from './support';

// Commit order, not transaction-id order: a transaction draws its id at its first write, so one that began writing
// first can commit last. Its events must then be published after those of every transaction that committed before
// it, in particular after an earlier event of the same consent (the consent's chain order). Needs two connections
// writing at once: Postgres only (the embedded database runs one transaction at a time).
const WRITES = 200;
const CONNECTIONS = 20;
const SHARED = 5;

let stack: TestStack;
let writers: Database;
let banken: string;
let hakon: string;
let relay: Relay;
let reader: StreamReader;

describe.runIf(!!process.env.DATABASE_URL)('event relay: commit order', () => {
  beforeAll(async () => {
    stack = await startTestStack();
    writers = createDatabase({ url: stack.databaseUrl!, poolSize: CONNECTIONS });
    banken = await stack.partyId('banken');
    hakon = await stack.partyId('hakon');
    const s = uniqueStream();
    relay = await startRelay({
      database: stack.database,
      natsUrl: NATS_URL,
      ...s,
      source: 'urn:altinn:hub:test',
      name: `order-${Date.now()}`,
      idleMs: 5,
    });
    reader = await StreamReader.open(s.stream);
  }, 120_000);
  afterAll(async () => {
    await relay?.stop();
    await reader?.close();
    await writers?.close();
    await stack?.close();
  });

  /** The published events of these consents, once each, in stream order: [consent, event type]. */
  async function published(consents: string[], count: number) {
    const mine = new Set(consents);
    const messages = await reader.until((m) => new Set(m.filter((x) => mine.has(x.event.subject)).map((x) => x.event.id)).size >= count);
    return dedupe(messages).filter((m) => mine.has(m.event.subject));
  }

  it('publishes a transaction that began first but committed last after the one that committed first', async () => {
    const [first, shared] = (await newConsents(stack.database.db, 2, hakon, banken)) as [string, string];
    let wrote!: () => void;
    const hasXactId = new Promise<void>((r) => (wrote = r));
    let release!: () => void;
    const mayCommit = new Promise<void>((r) => (release = r));
    // A: writes (so draws its transaction id), waits, then writes on `shared` and commits last.
    const a = consentWrite(writers.db, async (tx) => {
      await lockConsent(tx, first);
      await recordEvent(tx, { consentId: first, type: 'TOKEN_ISSUED', performedById: banken, at: new Date() });
      wrote();
      await mayCommit;
      await lockConsent(tx, shared);
      await recordEvent(tx, { consentId: shared, type: 'REVOKED', performedById: hakon, at: new Date() });
    });
    await hasXactId;
    // B: a later transaction id, on `shared`, committed while A still runs.
    await consentWrite(writers.db, async (tx) => {
      await lockConsent(tx, shared);
      await recordEvent(tx, { consentId: shared, type: 'USED', performedById: banken, at: new Date() });
    });
    // Let the relay see B committed and A still running.
    await new Promise((r) => setTimeout(r, 200));
    release();
    await a;

    const events = await published([first, shared], 3);
    expect(events.map((m) => [m.event.subject, m.event.type])).toEqual([
      [shared, 'no.altinn.hub.consent.used'],
      [first, 'no.altinn.hub.consent.token-issued'],
      [shared, 'no.altinn.hub.consent.revoked'],
    ]);
  });

  it('waits at a missing commit number while its transaction runs, and goes past it once that transaction rolled back', async () => {
    const [numbered, next, after] = (await newConsents(stack.database.db, 3, hakon, banken)) as [string, string, string];
    let drew!: () => void;
    const hasNumber = new Promise<void>((r) => (drew = r));
    let release!: () => void;
    const mayEnd = new Promise<void>((r) => (release = r));
    // A draws its commit number now (its deferred trigger run early, as at commit), then rolls back.
    const a = consentWrite(writers.db, async (tx) => {
      await lockConsent(tx, numbered);
      await recordEvent(tx, { consentId: numbered, type: 'REVOKED', performedById: hakon, at: new Date() });
      await tx.execute(sql`set constraints events.outbox_commit_seq immediate`);
      drew();
      await mayEnd;
      throw new Error('rolled back');
    }).catch((err: Error) => err.message);
    await hasNumber;
    // B commits with the next number while A's is missing: not published yet, A may still commit before it.
    await consentWrite(writers.db, (tx) => recordEvent(tx, { consentId: next, type: 'USED', performedById: banken, at: new Date() }));
    await new Promise((r) => setTimeout(r, 500));
    expect((await reader.all()).filter((m) => m.event.subject === next)).toEqual([]);
    release();
    expect(await a).toBe('rolled back');
    await consentWrite(writers.db, (tx) => recordEvent(tx, { consentId: after, type: 'USED', performedById: banken, at: new Date() }));
    const events = await published([numbered, next, after], 2);
    expect(events.map((m) => m.event.subject)).toEqual([next, after]);
  });

  it(`publishes ${WRITES} concurrent writes in commit order: each consent's events in its chain order, no gap, no repeat`, async () => {
    const own = await newConsents(stack.database.db, WRITES, hakon, banken);
    const shared = await newConsents(stack.database.db, SHARED, hakon, banken);
    const queue = own.map((consentId, i) => ({ consentId, sharedId: shared[i % SHARED]! }));
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        for (let w = queue.shift(); w; w = queue.shift()) {
          const { consentId, sharedId } = w;
          await consentWrite(writers.db, async (tx) => {
            // The transaction id is drawn here, the shared consent is written (and its chain extended) later.
            await lockConsent(tx, consentId);
            await recordEvent(tx, { consentId, type: 'TOKEN_ISSUED', performedById: banken, at: new Date() });
            await tx.execute(sql`select pg_sleep(${Math.random() * 0.02})`);
            await lockConsent(tx, sharedId);
            await recordEvent(tx, { consentId: sharedId, type: 'USED', performedById: banken, at: new Date() });
          });
        }
      }),
    );
    const events = await published([...own, ...shared], WRITES * 2);
    expect(events).toHaveLength(WRITES * 2);
    // Each shared consent's chain (its events' ids, drawn under a lock held until commit) is its commit order.
    const chains = await rowsOf<{ consent_id: string; event_id: string }>(
      stack.database.db,
      sql`select consent_id, 'consent-event-' || id as event_id from consents.consent_events
          where consent_id in (${sql.join(
            shared.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) order by id`,
    );
    for (const consent of shared) {
      const chain = chains.filter((r) => r.consent_id === consent).map((r) => r.event_id);
      expect(chain).toHaveLength(WRITES / SHARED);
      expect(events.filter((m) => m.event.subject === consent).map((m) => m.event.id)).toEqual(chain);
    }
    // A transaction's two events go out together: nothing committed in between.
    const own_ = new Set(own);
    for (let i = 0; i < events.length; i += 2) {
      expect(own_.has(events[i]!.event.subject)).toBe(true);
      expect(shared.includes(events[i + 1]!.event.subject)).toBe(true);
    }
  }, 120_000);
});
