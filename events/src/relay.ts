import { connect, headers, type JetStreamClient, type NatsConnection, nanos } from 'nats';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Db } from '@hub/db';
import { subjectOf, toCloudEvent, type OutboxRow } from './cloudevent';

export interface RelayLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface RelayOptions {
  database: Database;
  natsUrl: string;
  stream: string;
  subjectPrefix: string;
  source: string;
  /** Names the relay's position row: relays of different names each publish everything. */
  name?: string;
  batchSize?: number;
  /** Wait between polls when nothing new has committed. */
  idleMs?: number;
  /** How long one publish waits for the stream's acknowledgement. */
  publishTimeoutMs?: number;
  log?: RelayLogger;
  /** Called with each run of rows the stream acknowledged, right after the relay's position moved past them. */
  onPublished?: (rows: OutboxRow[]) => void;
}

export interface Relay {
  /** Finishes the batch in flight (its position is saved), then closes the broker connection. */
  stop(): Promise<void>;
}

const silent: RelayLogger = { info: () => {}, warn: () => {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RawRow {
  id: string;
  xact_id: string;
  commit_seq: string;
  event_id: string;
  type: string;
  party_id: string;
  entity_id: string;
  at: Date | string;
  data: Record<string, unknown> | string;
}
const toRow = (r: RawRow): OutboxRow => ({
  id: Number(r.id),
  xactId: Number(r.xact_id),
  eventId: r.event_id,
  type: r.type,
  partyId: r.party_id,
  entityId: r.entity_id,
  at: new Date(r.at),
  data: typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
});

/**
 * Publishes the outbox (migrations 0011, 0012) to a JetStream stream in commit order, at least once.
 *
 * Each batch reads the rows past the relay's saved position in (commit sequence number, id) order: each writing
 * transaction draws its number as it commits (0012). It publishes the unbroken run of numbers (at a missing number,
 * see `unbroken`), one row after the other (each with `Nats-Msg-Id` = the event id, so the stream drops a repeat
 * within its duplicate window), and saves the position of the last row the stream acknowledged. A crash between an
 * ack and the save republishes those rows with the same ids; nothing committed is skipped, and a rolled-back change
 * never had a row.
 *
 * On Postgres a batch runs in a transaction holding `pg_try_advisory_xact_lock` on the relay's name: with several
 * relay processes on one database, one publishes at a time and the others stand by (no duplicate work, and the
 * position is read and written under the lock). The embedded database has one process, so no lock.
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const { database, stream, subjectPrefix, source } = options;
  const name = options.name ?? 'default';
  const batchSize = options.batchSize ?? 500;
  const idleMs = options.idleMs ?? 50;
  const timeout = options.publishTimeoutMs ?? 5000;
  const log = options.log ?? silent;
  const encoder = new TextEncoder();

  await database.db.execute(sql`insert into events.relay_positions (relay) values (${name}) on conflict do nothing`);

  let nc: NatsConnection | undefined;
  let js: JetStreamClient | undefined;
  async function broker(): Promise<JetStreamClient> {
    if (js) return js;
    nc = await connect({ servers: options.natsUrl, name: `hub-event-relay-${name}`, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
    const jsm = await nc.jetstreamManager();
    try {
      await jsm.streams.info(stream);
    } catch {
      await jsm.streams.add({ name: stream, subjects: [`${subjectPrefix}.>`], duplicate_window: nanos(5 * 60_000) });
      log.info({ stream }, 'created the event stream');
    }
    js = nc.jetstream();
    return js;
  }

  /**
   * A missing commit number the relay waits on: the run stopped after `after`, the next visible number was `below`,
   * seen in a snapshot whose xmax was `fence`. Every number below `below` was drawn before that snapshot, by a
   * transaction running then (xid below `fence`) or one that had ended: once the horizon reaches `fence`, a number
   * still missing is a rolled-back transaction's, and the run goes on past it.
   */
  let gap: { after: number; below: number; fence: bigint } | undefined;

  /** The leading rows whose commit numbers follow the saved one without a break (or across a settled gap). */
  function unbroken(raw: RawRow[], savedSeq: number, fence: bigint, horizon: bigint): RawRow[] {
    let seq = savedSeq;
    let n = 0;
    for (const row of raw) {
      const next = Number(row.commit_seq);
      if (next > seq + 1) {
        const settled = gap !== undefined && gap.after === seq && next <= gap.below && horizon >= gap.fence;
        if (!settled) {
          if (gap?.after !== seq) gap = { after: seq, below: next, fence };
          break;
        }
        log.info({ after: seq, next }, 'event relay: commit numbers skipped (their transactions rolled back)');
        gap = undefined;
      }
      seq = next;
      n++;
    }
    return raw.slice(0, n);
  }

  /** Publishes the next rows; returns those acknowledged, or throws (after saving the position) when one was not. */
  async function publishFrom(db: Db, client: JetStreamClient): Promise<{ acked: OutboxRow[]; failure?: unknown }> {
    const [position] = await rowsOf<{ commit_seq: string; id: string }>(
      db,
      sql`select commit_seq::text, id::text from events.relay_positions where relay = ${name}`,
    );
    // One statement, one snapshot: the rows, that snapshot's xmax and its horizon (a left join: both also without rows).
    // Qualified in WHERE and ORDER BY: a bare name there would be the text output column, ordered as text.
    const result = await rowsOf<RawRow & { fence: string; horizon: string }>(
      db,
      sql`with snap as (select pg_snapshot_xmax(pg_current_snapshot())::text::bigint as fence, events.horizon() as horizon)
          select snap.fence::text as fence, snap.horizon::text as horizon, o.*
          from snap left join lateral (
            select o.id::text as id, o.xact_id::text as xact_id, o.commit_seq::text as commit_seq, o.event_id, o.type, o.party_id,
                   o.entity_id, o.at, o.data
            from events.outbox o
            where (o.commit_seq, o.id) > (${position!.commit_seq}::bigint, ${position!.id}::bigint)
            order by o.commit_seq, o.id limit ${batchSize}
          ) o on true`,
    );
    const { fence, horizon } = result[0]!;
    const raw = unbroken(
      result.filter((r) => r.id !== null),
      Number(position!.commit_seq),
      BigInt(fence),
      BigInt(horizon),
    );
    const rows = raw.map(toRow);
    let acked = 0;
    let failure: unknown;
    for (const row of rows) {
      const h = headers();
      h.set('Nats-Msg-Id', row.eventId);
      h.set('content-type', 'application/cloudevents+json');
      try {
        await client.publish(subjectOf(subjectPrefix, row), encoder.encode(JSON.stringify(toCloudEvent(source, row))), {
          msgID: row.eventId,
          headers: h,
          timeout,
        });
        acked++;
      } catch (err) {
        failure = err;
        break;
      }
    }
    if (acked > 0) {
      const last = rows[acked - 1]!;
      await db.execute(
        sql`update events.relay_positions set commit_seq = ${raw[acked - 1]!.commit_seq}::bigint, xact_id = ${last.xactId}, id = ${last.id}, updated_at = now()
            where relay = ${name}`,
      );
    }
    return { acked: rows.slice(0, acked), failure };
  }

  async function batch(): Promise<number> {
    const client = await broker();
    const { acked, failure }: { acked: OutboxRow[]; failure?: unknown } =
      database.kind === 'pglite'
        ? await publishFrom(database.db, client)
        : await database.db.transaction(async (tx) => {
            const [lock] = await rowsOf<{ leader: boolean }>(
              tx,
              sql`select pg_try_advisory_xact_lock(hashtext('events.relay'), hashtext(${name})) as leader`,
            );
            return lock?.leader ? publishFrom(tx, client) : { acked: [] };
          });
    if (acked.length) options.onPublished?.(acked);
    if (failure) throw failure;
    return acked.length;
  }

  let stopping = false;
  const loop = (async () => {
    let failures = 0;
    while (!stopping) {
      try {
        const n = await batch();
        failures = 0;
        if (n < batchSize) await sleep(idleMs);
      } catch (err) {
        failures++;
        log.warn({ err, failures }, 'event relay: publishing failed, retrying');
        await sleep(Math.min(100 * 2 ** failures, 5000));
      }
    }
  })();

  return {
    async stop() {
      stopping = true;
      await loop;
      await nc?.drain().catch(() => nc?.close());
    },
  };
}
