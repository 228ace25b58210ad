import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, verifyLogs, type Db } from '@hub/db';
import { insertAcceptedConsents } from '@hub/db/testing';
import { startTestStack, type TestStack } from './support/stack';

// Each consent event names the previous event of the same consent (migration 0018). Finding it must be one probe of
// the (consent_id, id) index: before, the lookup compared `consent_id::text`, so it scanned the log (the whole table
// for a small one, backwards from the newest row for a large one: 52 ms at 190k events, growing with the country's
// log). Shown by the buffers the insert of an event reads (its BEFORE trigger runs inside the Insert node), not by
// timing: they must not grow with the number of other events.
const FIRST = 1000;
const MORE = 5000;

let stack: TestStack;
let db: Db;
beforeAll(async () => {
  stack = await startTestStack();
  db = stack.database.db;
}, 120_000);
afterAll(() => stack?.close());

const eventOf = (consentId: string) =>
  sql`insert into consents.consent_events (consent_id, type, at) values (${consentId}::uuid, 'TOKEN_ISSUED', now())`;

/** Shared buffers the Insert node read or hit, from EXPLAIN (ANALYZE, BUFFERS) of `insert`. */
async function buffersOf(insert: ReturnType<typeof sql>): Promise<number> {
  const plan = await rowsOf<{ 'QUERY PLAN': string }>(db, sql`explain (analyze, buffers, format text) ${insert}`);
  const line = plan.map((r) => r['QUERY PLAN']).find((l) => /Buffers: shared/.test(l));
  const figure = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(line ?? '')?.[1] ?? 0);
  return figure('hit') + figure('read');
}

describe('the consent events’ chain', () => {
  it('finds the previous event of a consent through its index, however many events came after it', async () => {
    const [hakon, banken] = [await stack.partyId('hakon'), await stack.partyId('banken')];
    const [quiet, busy] = await insertAcceptedConsents(db, { fromId: hakon, toId: banken, count: 2 });
    await db.execute(eventOf(quiet!));
    // Newer events of another consent, one statement each (the trigger still runs per row).
    const eventsOfBusy = (n: number) =>
      db.execute(
        sql`insert into consents.consent_events (consent_id, type, at) select ${busy!}::uuid, 'TOKEN_ISSUED', now() from generate_series(1, ${n})`,
      );
    await eventsOfBusy(FIRST);
    const before = await buffersOf(eventOf(quiet!));
    await eventsOfBusy(MORE);
    const after = await buffersOf(eventOf(quiet!));
    expect(before).toBeGreaterThan(0);
    // Six times the events: the same index probes (a scan would read at least one more buffer per 100 events).
    expect(after - before).toBeLessThan(MORE / 200);

    // The chain is still whole: the quiet consent's new event follows its first one, and every log verifies.
    const chain = await rowsOf<{ prev_hash: string; hash: string }>(
      db,
      sql`select prev_hash, hash from consents.consent_events where consent_id = ${quiet!}::uuid order by id`,
    );
    expect(chain).toHaveLength(3);
    expect(chain[2]!.prev_hash).toBe(chain[1]!.hash);
    expect(chain[1]!.prev_hash).toBe(chain[0]!.hash);
    const report = await verifyLogs(db);
    expect(report.filter((r) => r.broken)).toEqual([]);
  }, 120_000);
});
