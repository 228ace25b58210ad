import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './client';

/**
 * The append-only logs and the columns of each row's canonical content. Must match the chain triggers' arguments in
 * migrations 0008_logs_append_only, 0009_consent_feed_horizon, 0017_support_lookups and 0018_consent_event_chain_lookup: a row's `hash` is sha256(prev_hash ||
 * logs.content(row, columns)). A log with `chainWithin` is one chain per value of that column (consent events: one per
 * consent, so that writers on different consents never wait for each other); the others are one chain each.
 */
export const LOGS: readonly { name: string; columns: readonly string[]; chainWithin?: string }[] = [
  {
    name: 'delegations.audit_log',
    columns: ['id', 'at', 'actor_id', 'action', 'entity_type', 'entity_id', 'party_id', 'before', 'after'],
  },
  {
    name: 'delegations.support_lookups',
    columns: ['id', 'at', 'actor_id', 'client_id', 'party_id', 'case_number', 'reason'],
  },
  {
    name: 'consents.consent_events',
    columns: ['id', 'consent_id', 'type', 'at', 'performed_by_id', 'resource_id', 'delivered_to_id'],
    chainWithin: 'consent_id',
  },
  {
    name: 'evidence.evidence_retrievals',
    columns: ['id', 'requestor_id', 'subject_id', 'code', 'accreditation_id', 'status', 'reason', 'at'],
  },
];

export type LogName = string;

/** What `verifyLogs` found for one log: its length and head, and the first broken link if any. */
export interface LogVerification {
  log: LogName;
  rows: number;
  /**
   * Hash of the last row ('' when empty); for a log of many chains, sha256 of every chain's key and head in key order.
   * Record it elsewhere to detect a later rewrite of a whole chain.
   */
  head: string;
  broken: { id: number; problem: string } | null;
}

interface ChainRow {
  id: string | number;
  chain_key: string;
  prev_hash: string;
  hash: string;
  content: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Walks one log in chain order (per chain key, then id), recomputing every link; stops at the first broken one. */
export async function verifyLog(db: Db, log: (typeof LOGS)[number], pageSize = 5000): Promise<LogVerification> {
  const columns = sql.raw(`ARRAY[${log.columns.map((c) => `'${c}'`).join(',')}]::text[]`);
  const key = sql.raw(log.chainWithin ? `t.${log.chainWithin}::text` : `''`);
  const heads: string[] = [];
  let previous = '';
  let chain: string | null = null;
  let after: { key: string; id: number } | null = null;
  let count = 0;
  for (;;) {
    const page: ChainRow[] = await rowsOf<ChainRow>(
      db,
      sql`SELECT t.id, ${key} AS chain_key, t.prev_hash, t.hash, logs.content(t, ${columns}) AS content FROM ${sql.raw(log.name)} t
          WHERE ${after === null ? sql`true` : sql`(${key}, t.id) > (${after.key}, ${after.id})`} ORDER BY 2, t.id LIMIT ${pageSize}`,
    );
    for (const row of page) {
      const id = Number(row.id);
      if (row.chain_key !== chain) {
        if (chain !== null) heads.push(`${chain}:${previous}`);
        chain = row.chain_key;
        previous = '';
      }
      if (row.prev_hash !== previous) {
        return {
          log: log.name,
          rows: count,
          head: previous,
          broken: { id, problem: 'prev_hash does not match the previous row (a row was removed, inserted or re-chained)' },
        };
      }
      if (row.hash !== sha256(previous + row.content)) {
        return { log: log.name, rows: count, head: previous, broken: { id, problem: 'hash does not match the row content (the row was changed)' } };
      }
      previous = row.hash;
      after = { key: row.chain_key, id };
      count++;
    }
    if (page.length < pageSize) break;
  }
  if (!log.chainWithin || chain === null) return { log: log.name, rows: count, head: previous, broken: null };
  heads.push(`${chain}:${previous}`);
  return { log: log.name, rows: count, head: sha256(heads.join('\n')), broken: null };
}

/** Verifies the hash chain of every log. */
export async function verifyLogs(db: Db): Promise<LogVerification[]> {
  const results: LogVerification[] = [];
  for (const log of LOGS) results.push(await verifyLog(db, log));
  return results;
}
