import { asc, inArray, sql } from 'drizzle-orm';
import { insertAcceptedConsents } from '@hub/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database, type Db } from '@hub/db';
import { consentEvents } from '@hub/db/consents';
import { consentWrite, lockConsent, recordEvent } from '../subgraphs/consents/src/consent/consent.store';
import { FEED } from './support/consents';
import { startTestStack, type TestStack } from './support/stack';

// Consent writes take no global lock: the feed stays gap-free because readers stop at the visibility horizon
// (pg_snapshot_xmin of their snapshot), not because writers wait for each other. Both need real concurrent sessions,
// so this runs on Postgres (DATABASE_URL); the embedded database has one session.
const WRITES = 200;
const CONNECTIONS = 25;

let stack: TestStack;
let writers: Database;
let banken: string;
let hakon: string;
let bankToken: string;
beforeAll(async () => {
  stack = await startTestStack();
  // Many sessions at once: Postgres only (the embedded database is one session).
  if (stack.databaseUrl) writers = createDatabase({ url: stack.databaseUrl, poolSize: CONNECTIONS });
  banken = await stack.partyId('banken');
  hakon = await stack.partyId('hakon');
  bankToken = await stack.token({ client: 'banken-system' });
}, 120_000);
afterAll(async () => {
  await writers?.close();
  await stack?.close();
});

const newConsents = (n: number) => insertAcceptedConsents(stack.database.db, { fromId: hakon, toId: banken, count: n });

/** Write transactions past their event and not yet committed, now and at most. */
const open = { now: 0, max: 0 };

/** A consent write as the store does it: the request row locked first, then the event; held open `holdMs`. */
const write = (db: Db, consentId: string, holdMs: number) =>
  consentWrite(db, async (tx) => {
    await lockConsent(tx, consentId);
    await recordEvent(tx, { consentId, type: 'TOKEN_ISSUED', performedById: banken, at: new Date() });
    open.max = Math.max(open.max, ++open.now);
    try {
      if (holdMs) await tx.execute(sql`select pg_sleep(${holdMs / 1000})`);
    } finally {
      open.now--;
    }
  });

type Page = {
  edges: { cursor: string; node: { type: string; consent: { id: string } } }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
};
async function feedPage(after: string | null, first: number): Promise<Page> {
  const { body } = await stack.graphql<{ consentEventFeed: Page }>(FEED, { after, first }, bankToken);
  expect(body.errors).toBeUndefined();
  return body.data!.consentEventFeed;
}

/** The events of `consentIds` as stored, in the feed's order. */
const stored = (consentIds: string[]) =>
  writers.db
    .select({ id: consentEvents.id, consentId: consentEvents.consentId, xactId: consentEvents.xactId })
    .from(consentEvents)
    .where(inArray(consentEvents.consentId, consentIds))
    .orderBy(asc(consentEvents.xactId), asc(consentEvents.id));

/** Resolves when `release` is called: keeps a transaction open across awaits. */
function gate() {
  let release!: () => void;
  const opened = new Promise<void>((r) => (release = r));
  return { opened, release };
}

describe.runIf(!!process.env.DATABASE_URL)('consent writes without a global lock (Postgres)', () => {
  it(`lets two writers on different consents both hold their transaction open at once`, async () => {
    const [a, b] = (await newConsents(2)) as [string, string];
    const holdA = gate();
    let aWrote!: () => void;
    const aInside = new Promise<void>((r) => (aWrote = r));
    const first = consentWrite(writers.db, async (tx) => {
      await lockConsent(tx, a);
      await recordEvent(tx, { consentId: a, type: 'TOKEN_ISSUED', performedById: banken, at: new Date() });
      aWrote();
      await holdA.opened;
    });
    await aInside;
    // With one global lock this would wait for A, which waits for us: it must finish while A is still open.
    const started = Date.now();
    const second = await Promise.race([write(writers.db, b, 0).then(() => 'committed'), new Promise((r) => setTimeout(() => r('blocked'), 3000))]);
    expect(second).toBe('committed');
    expect(Date.now() - started).toBeLessThan(3000);
    // While A is open, its event is below no reader's horizon: B's event, committed after it, waits for it too.
    const hidden = await feedTail();
    expect(hidden.map((e) => e.node.consent.id)).not.toContain(a);
    expect(hidden.map((e) => e.node.consent.id)).not.toContain(b);
    holdA.release();
    await first;
    const shown = (await feedTail()).map((e) => e.node.consent.id);
    expect(shown.filter((id) => id === a || id === b)).toHaveLength(2);
  });

  it('never passes an event that a slower transaction commits later, even when its id is lower', async () => {
    const [slow, fast] = (await newConsents(2)) as [string, string];
    const before = (await feedAll(null)).endCursor;
    // `fast` gets its transaction id first (it locks its row first), `slow` draws the lower event id: ordering by id
    // alone would show fast's event, move the cursor past slow's id, and never show slow's.
    const fastHold = gate();
    const slowHold = gate();
    let fastLocked!: () => void;
    const fastHasXid = new Promise<void>((r) => (fastLocked = r));
    let slowInserted!: () => void;
    const slowHasId = new Promise<void>((r) => (slowInserted = r));
    const fastTx = consentWrite(writers.db, async (tx) => {
      await lockConsent(tx, fast);
      await tx.execute(sql`select pg_current_xact_id()`);
      fastLocked();
      await fastHold.opened;
      await recordEvent(tx, { consentId: fast, type: 'TOKEN_ISSUED', performedById: banken, at: new Date() });
    });
    await fastHasXid;
    const slowTx = consentWrite(writers.db, async (tx) => {
      await lockConsent(tx, slow);
      await recordEvent(tx, { consentId: slow, type: 'TOKEN_ISSUED', performedById: banken, at: new Date() });
      slowInserted();
      await slowHold.opened;
    });
    await slowHasId;
    fastHold.release();
    await fastTx;
    const during = await feedAll(before);
    expect(during.events).toEqual([`${fast}:TOKEN_ISSUED`]);
    slowHold.release();
    await slowTx;
    const after = await feedAll(during.endCursor);
    expect(after.events).toEqual([`${slow}:TOKEN_ISSUED`]);
    const [slowEvent, fastEvent] = [(await stored([slow]))[0]!, (await stored([fast]))[0]!];
    expect(slowEvent.id).toBeLessThan(fastEvent.id);
    expect(fastEvent.xactId).toBeLessThan(slowEvent.xactId);
  });

  it(`shows every one of ${WRITES} writes over ${CONNECTIONS} connections exactly once, in the feed's order, to a reader paging all along`, async () => {
    const consents = await newConsents(WRITES / 4);
    const start = (await feedAll(null)).endCursor;
    await Promise.all(Array.from({ length: CONNECTIONS }, () => writers.db.execute(sql`select pg_sleep(0.05)`)));
    open.max = 0;
    let writing = true;
    let serialMs = 0;
    const started = Date.now();
    // Each write holds its transaction 0–30 ms after its event, so that commits overtake each other.
    const queue = Array.from({ length: WRITES }, (_, i) => ({ consentId: consents[i % consents.length]!, holdMs: Math.floor(Math.random() * 30) }));
    const workers = Array.from({ length: CONNECTIONS }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        serialMs += job.holdMs;
        await write(writers.db, job.consentId, job.holdMs);
      }
    });
    const seen: string[] = [];
    let after = start;
    let pagesWhileWriting = 0;
    const reader = (async () => {
      for (;;) {
        const stillWriting = writing;
        const page = await feedPage(after, 7);
        seen.push(...page.edges.map((e) => `${e.node.consent.id}:${e.cursor}`));
        after = page.pageInfo.endCursor;
        if (stillWriting) pagesWhileWriting++;
        else if (!page.pageInfo.hasNextPage) return;
      }
    })();
    await Promise.all(workers);
    const elapsed = Date.now() - started;
    writing = false;
    await reader;

    const events = await stored(consents);
    expect(events).toHaveLength(WRITES);
    const mine = seen.filter((s) => consents.includes(s.split(':')[0]!));
    // No gap, no repeat: exactly the stored events, in (transaction, id) order.
    expect(mine.map((s) => s.split(':')[0])).toEqual(events.map((e) => e.consentId));
    expect(new Set(mine).size).toBe(WRITES);
    expect(pagesWhileWriting).toBeGreaterThan(3);
    // Each consent's events in the order they were written (their ids), whatever the interleaving.
    for (const c of consents) {
      const ids = events.filter((e) => e.consentId === c).map((e) => e.id);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    }
    // Writers overlapped: many held their written-but-uncommitted transaction open at the same moment (one global
    // lock would allow one).
    console.log(
      `${WRITES} consent writes over ${CONNECTIONS} connections: ${elapsed} ms (their holds alone, one at a time: ${serialMs} ms); ` +
        `at most ${open.max} open at once; ${pagesWhileWriting} feed pages read meanwhile`,
    );
    expect(open.max).toBeGreaterThanOrEqual(10);
  }, 120_000);
});

describe('the feed’s cursors', () => {
  it('continue from a cursor of the earlier encoding (the event id alone) after that event', async () => {
    const [consentId] = (await newConsents(1)) as [string];
    for (const type of ['CREATED', 'ACCEPTED'] as const) {
      await consentWrite(stack.database.db, (tx) => recordEvent(tx, { consentId, type, performedById: banken, at: new Date() }));
    }
    const [first] = await stack.database.db
      .select({ id: consentEvents.id })
      .from(consentEvents)
      .where(inArray(consentEvents.consentId, [consentId]))
      .orderBy(asc(consentEvents.id));
    const old = Buffer.from(`consent-event:${first!.id}`).toString('base64url');
    const page = await feedPage(old, 500);
    expect(page.edges.map((e) => `${e.node.consent.id}:${e.node.type}`)).toEqual([`${consentId}:ACCEPTED`]);
  });
});

/** Every feed page after `after`, to the end as of now. */
async function feedAll(after: string | null): Promise<{ events: string[]; endCursor: string | null }> {
  const events: string[] = [];
  for (;;) {
    const page = await feedPage(after, 500);
    events.push(...page.edges.map((e) => `${e.node.consent.id}:${e.node.type}`));
    after = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { events, endCursor: after };
  }
}

/** The last 500 events of the feed (the whole feed in this test's database is small). */
async function feedTail() {
  return (await feedPage(null, 500)).edges;
}
