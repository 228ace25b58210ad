import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from './client';

/**
 * The append-only logs and the columns of each row's canonical content. Must match the chain triggers' arguments in
 * migration 0008_logs_append_only: a row's `hash` is sha256(prev_hash || logs.content(row, columns)).
 */
export const LOGS = [
  {
    name: 'delegations.audit_log',
    columns: ['id', 'at', 'actor_id', 'action', 'entity_type', 'entity_id', 'party_id', 'before', 'after'],
  },
  { name: 'consents.consent_events', columns: ['id', 'consent_id', 'type', 'at', 'performed_by_id', 'resource_id', 'delivered_to_id'] },
  {
    name: 'evidence.evidence_retrievals',
    columns: ['id', 'requestor_id', 'subject_id', 'code', 'accreditation_id', 'status', 'reason', 'at'],
  },
] as const;

export type LogName = (typeof LOGS)[number]['name'];

/** What `verifyLogs` found for one log: its length and head, and the first broken link if any. */
export interface LogVerification {
  log: LogName;
  rows: number;
  /** Hash of the last row ('' when empty): record it elsewhere to detect a later rewrite of the whole chain. */
  head: string;
  broken: { id: number; problem: string } | null;
}

interface ChainRow {
  id: string | number;
  prev_hash: string;
  hash: string;
  content: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** Walks one log in id order, recomputing every link; stops at the first broken one. */
export async function verifyLog(db: Db, log: (typeof LOGS)[number], pageSize = 5000): Promise<LogVerification> {
  const columns = sql.raw(`ARRAY[${log.columns.map((c) => `'${c}'`).join(',')}]::text[]`);
  let previous = '';
  let after: number | null = null;
  let count = 0;
  for (;;) {
    const page: ChainRow[] = await rowsOf<ChainRow>(
      db,
      sql`SELECT t.id, t.prev_hash, t.hash, logs.content(t, ${columns}) AS content FROM ${sql.raw(log.name)} t
          WHERE ${after === null ? sql`true` : sql`t.id > ${after}`} ORDER BY t.id LIMIT ${pageSize}`,
    );
    for (const row of page) {
      const id = Number(row.id);
      if (row.prev_hash !== previous) {
        return { log: log.name, rows: count, head: previous, broken: { id, problem: 'prev_hash does not match the previous row (a row was removed, inserted or re-chained)' } };
      }
      if (row.hash !== sha256(previous + row.content)) {
        return { log: log.name, rows: count, head: previous, broken: { id, problem: 'hash does not match the row content (the row was changed)' } };
      }
      previous = row.hash;
      after = id;
      count++;
    }
    if (page.length < pageSize) return { log: log.name, rows: count, head: previous, broken: null };
  }
}

/** Verifies the hash chain of every log. */
export async function verifyLogs(db: Db): Promise<LogVerification[]> {
  const results: LogVerification[] = [];
  for (const log of LOGS) results.push(await verifyLog(db, log));
  return results;
}
