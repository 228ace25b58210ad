import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { generateSynthetic, type SyntheticBatch, type SyntheticOptions } from './generate';

export interface SeedSyntheticResult {
  /** Rows generated for this seed (what the database holds for it afterwards). */
  generated: { persons: number; organizations: number; roleAssignments: number };
  /** Rows this run actually added; all zero when the same seed was already written. */
  inserted: { persons: number; organizations: number; roleAssignments: number };
  /** INSERT statements the seeding sent (one per batch). */
  statements: number;
}

/** Rows a data-modifying statement touched, whichever driver ran it. */
function affectedRows(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number } | null;
  return r?.count ?? r?.affectedRows ?? r?.rowCount ?? 0;
}

// One statement per batch, the rows travelling as a single JSON parameter that the server expands with
// json_to_recordset: building a 5,000-row VALUES list through the query builder costs far more client time than
// the insert itself, and a single parameter also keeps clear of Postgres's 65,535-parameter limit.
// The column lists mirror db/src/schema (snake_case casing); the row keys are the generator's camelCase ones.
// References (a subunit's main unit, a role's two parties) travel as numbers and are joined to the ids the database
// holds for them: ids are random, and a number another seed wrote first keeps the id it got then.
// The JSON goes as text: drizzle's postgres-js driver passes json parameters through unserialised, PGlite sends strings as is.
function insertStatement(batch: SyntheticBatch): SQL {
  const rows = JSON.stringify(batch.rows);
  switch (batch.table) {
    case 'persons':
      return sql`insert into parties.parties (id, type, name, national_identity_number, birth_date)
        select r."id", r."type", r."name", r."nationalIdentityNumber", r."birthDate"
        from json_to_recordset(${rows}::json) as r("id" uuid, "type" parties.party_type, "name" text,
          "nationalIdentityNumber" char(11), "birthDate" date)
        on conflict do nothing`;
    case 'organizations':
      // A main unit in the same batch is not visible to the statement yet: its drawn id stands in, unless the
      // database already holds that number (then the row here is skipped and the stored id is the one).
      return sql`with r as (select * from json_to_recordset(${rows}::json) as r("id" uuid, "type" parties.party_type,
          "name" text, "organizationNumber" char(9), "organizationForm" text, "isPublic" boolean, "parentNumber" char(9)))
        insert into parties.parties (id, type, name, organization_number, organization_form, is_public, parent_id)
        select r."id", r."type", r."name", r."organizationNumber", r."organizationForm", r."isPublic", coalesce(stored.id, batch."id")
        from r
        left join parties.parties stored on stored.organization_number = r."parentNumber"
        left join r batch on batch."organizationNumber" = r."parentNumber"
        on conflict do nothing`;
    case 'roleAssignments':
      return sql`insert into roles.role_assignments (from_id, to_id, role_code)
        select f.id, coalesce(tp.id, t.id), r."roleCode"
        from json_to_recordset(${rows}::json) as r("fromNumber" char(9), "toNumber" text, "roleCode" text)
        join parties.parties f on f.organization_number = r."fromNumber"
        left join parties.parties tp on length(r."toNumber") = 11 and tp.national_identity_number = r."toNumber"::char(11)
        left join parties.parties t on length(r."toNumber") = 9 and t.organization_number = r."toNumber"::char(9)
        on conflict do nothing`;
  }
}

/**
 * Writes the synthetic data for `options.seed`, one multi-row INSERT per batch (default 5,000 rows), all in a
 * single transaction. Idempotent: rows already present (same numbers) are skipped. The story
 * must be seeded first (`seedStory`): the role assignments refer to its role catalogue. Ends with ANALYZE of the
 * tables it wrote, so that the planner knows their size at once.
 */
export async function seedSynthetic(
  database: Database,
  options: SyntheticOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<SeedSyntheticResult> {
  const generated = { persons: 0, organizations: 0, roleAssignments: 0 };
  const inserted = { persons: 0, organizations: 0, roleAssignments: 0 };
  const statementsBefore = database.statementCount();
  let done = 0;
  let started = false;

  await database.db.transaction(async (tx) => {
    // One statement in flight while the next batch is generated: the generator is synchronous CPU work that
    // would otherwise leave the server idle (and the server, the generator).
    let pending: Promise<void> | undefined;
    for (const batch of generateSynthetic(options)) {
      if (!started) {
        onProgress?.(0, batch.total);
        started = true;
      }
      const statement = insertStatement(batch);
      await pending;
      pending = tx.execute(statement).then((result) => {
        generated[batch.table] += batch.rows.length;
        inserted[batch.table] += affectedRows(result);
        done += batch.rows.length;
        onProgress?.(done, batch.total);
      });
      pending.catch(() => {}); // awaited above or below; this only keeps an early failure from counting as unhandled
    }
    await pending;
  });
  if (!started) onProgress?.(0, 0);
  const statements = database.statementCount() - statementsBefore;
  // Fresh statistics for the planner: without them a bulk-seeded database plans decisions for empty tables (on 1M
  // persons a single decision took 15.5 ms before ANALYZE, 7.4 ms after; issue 14). Autovacuum would get there, later.
  if (done > 0) await database.db.execute(sql`analyze parties.parties, roles.role_assignments`);

  return { generated, inserted, statements };
}
