import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from './client';
import { legacyPartyUuid } from './legacy-party-uuid';
import { verifyLogs } from './logs';
import { migrate, migrationsFolder } from './migrate';
import { partyIdsOf } from './party-ids';

// Migration 0005 gives every party a random id. This test builds a database as it was at 0004, with the old
// SHA-1 ids and a row in every table that refers to a party, applies 0005, and checks that every reference moved
// with its party. It runs on PGlite, or on a fresh Postgres database when DATABASE_URL is set.

const KARI = '17857210042';
const HAKON = '12888510018';
const TRANABYGG = '310000507';
const SUBUNIT = '310000604';
const BANKEN = '310000108';
const NUMBERS = [KARI, HAKON, TRANABYGG, SUBUNIT, BANKEN];
const old = Object.fromEntries(NUMBERS.map((n) => [n, legacyPartyUuid(n)])) as Record<string, string>;

/** A copy of the migrations folder that stops after `lastIdx`. */
function migrationsUpTo(lastIdx: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-migrations-'));
  cpSync(migrationsFolder, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= lastIdx);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return { database: createDatabase({ pgliteDir: 'memory://' }), drop: async () => {} };
  const name = `hub_migration_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    database: createDatabase({ url: url.toString(), poolSize: 2 }),
    drop: async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** The data of an 0004 database: parties under SHA-1 ids and one row per kind of reference to them. */
async function insertPre0005Rows(database: Database, ids: { delegation: string; accessRequest: string; consent: string; accreditation: string }) {
  const run = (q: string) => database.db.execute(sql.raw(q));
  await run(`insert into parties.parties (id, type, name, national_identity_number) values
    ('${old[KARI]}', 'PERSON', 'KARI NORDMANN', '${KARI}'), ('${old[HAKON]}', 'PERSON', 'HÅKON TRANA', '${HAKON}')`);
  await run(`insert into parties.parties (id, type, name, organization_number, organization_form, parent_id) values
    ('${old[TRANABYGG]}', 'ORGANIZATION', 'TRANA BYGG AS', '${TRANABYGG}', 'AS', null),
    ('${old[BANKEN]}', 'ORGANIZATION', 'BANKEN AS', '${BANKEN}', 'AS', null),
    ('${old[SUBUNIT]}', 'ORGANIZATION', 'TRANA BYGG AS AVD BODØ', '${SUBUNIT}', 'BEDR', '${old[TRANABYGG]}')`);
  await run(`insert into roles.roles (code, urn, name, provider) values ('DAGL', 'urn:altinn:external-role:ccr:daglig-leder', 'Daglig leder', 'ER')`);
  await run(`insert into roles.role_assignments (from_id, to_id, role_code) values ('${old[TRANABYGG]}', '${old[KARI]}', 'DAGL')`);
  await run(`insert into roles.resources (id, owner_id, type, title, actions) values ('r1', '${old[BANKEN]}', 'CONSENT', 'R', '{consent}')`);
  await run(`insert into delegations.delegations (id, from_id, to_id, resource_id, actions, created_by_id) values
    ('${ids.delegation}', '${old[TRANABYGG]}', '${old[HAKON]}', 'r1', '{consent}', '${old[KARI]}')`);
  await run(`insert into delegations.access_requests (id, from_id, requester_id, resource_id, actions, decided_by_id, delegation_id, status) values
    ('${ids.accessRequest}', '${old[TRANABYGG]}', '${old[HAKON]}', 'r1', '{consent}', '${old[KARI]}', '${ids.delegation}', 'APPROVED')`);
  const after = JSON.stringify({ id: ids.delegation, fromId: old[TRANABYGG], toId: old[HAKON], createdById: old[KARI], actions: ['consent'] });
  await run(`insert into delegations.audit_log (actor_id, action, entity_type, entity_id, party_id, before, after) values
    ('${old[KARI]}', 'DELEGATION_CREATED', 'DELEGATION', '${ids.delegation}', '${old[TRANABYGG]}', null, '${after}')`);
  await run(`insert into roles.consent_templates (id, title, text) values ('t1', '{"nb":"t","en":"t"}', '{"nb":"t","en":"t"}')`);
  await run(`insert into consents.consent_requests (id, from_id, to_id, handled_by_id, answered_by_id, valid_to, redirect_url, template_id, one_time, input_hash) values
    ('${ids.consent}', '${old[HAKON]}', '${old[BANKEN]}', '${old[TRANABYGG]}', '${old[HAKON]}', now() + interval '1 day', 'https://x', 't1', false, 'h')`);
  await run(`insert into consents.consent_events (consent_id, type, performed_by_id) values ('${ids.consent}', 'ACCEPTED', '${old[HAKON]}')`);
  await run(`insert into consents.issued_tokens (jti, consent_id, recipient_id, kid, issued_at, expires_at) values
    ('${randomUUID()}', '${ids.consent}', '${old[BANKEN]}', 'k', now(), now())`);
  await run(`insert into evidence.service_contexts (id, name, requestor_must_be) values ('sbl', 'Lån', 'ANY')`);
  await run(`insert into evidence.accreditations (id, requestor_id, subject_id, service_context_id, valid_to) values
    ('${ids.accreditation}', '${old[BANKEN]}', '${old[HAKON]}', 'sbl', now() + interval '1 day')`);
}

describe('migration 0005: random party ids', { timeout: 60_000 }, () => {
  let database: Database;
  let drop: () => Promise<void>;
  let folder: string;
  const ids = { delegation: randomUUID(), accessRequest: randomUUID(), consent: randomUUID(), accreditation: randomUUID() };
  let now: Map<string, string>;
  const one = async <T>(q: string): Promise<T> => {
    const result = (await database.db.execute(sql.raw(q))) as unknown as { rows?: T[] } & T[];
    return (result.rows ?? result)[0]!;
  };

  beforeAll(async () => {
    ({ database, drop } = await freshDatabase());
    folder = migrationsUpTo(4);
    const config = { migrationsFolder: folder, migrationsSchema: 'drizzle' };
    if (database.kind === 'postgres') await migratePostgres(database.db as never, config);
    else await migratePglite(database.db as never, config);
    await insertPre0005Rows(database, ids);
    await migrate(database);
    now = await partyIdsOf(database.db, NUMBERS);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('gives every party a new id that is not the SHA-1 of its number', () => {
    expect(now.size).toBe(NUMBERS.length);
    for (const n of NUMBERS) {
      expect(now.get(n)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(now.get(n)).not.toBe(old[n]);
    }
  });

  it('carries every foreign key over to the new ids (parent, roles, resources, delegations, consents, evidence)', async () => {
    const id = (n: string) => now.get(n)!;
    expect(await one(`select parent_id from parties.parties where organization_number = '${SUBUNIT}'`)).toEqual({ parent_id: id(TRANABYGG) });
    expect(await one(`select from_id, to_id from roles.role_assignments`)).toEqual({ from_id: id(TRANABYGG), to_id: id(KARI) });
    expect(await one(`select owner_id from roles.resources`)).toEqual({ owner_id: id(BANKEN) });
    expect(await one(`select from_id, to_id, created_by_id from delegations.delegations`)).toEqual({
      from_id: id(TRANABYGG),
      to_id: id(HAKON),
      created_by_id: id(KARI),
    });
    expect(await one(`select from_id, requester_id, decided_by_id from delegations.access_requests`)).toEqual({
      from_id: id(TRANABYGG),
      requester_id: id(HAKON),
      decided_by_id: id(KARI),
    });
    expect(await one(`select from_id, to_id, handled_by_id, answered_by_id from consents.consent_requests`)).toEqual({
      from_id: id(HAKON),
      to_id: id(BANKEN),
      handled_by_id: id(TRANABYGG),
      answered_by_id: id(HAKON),
    });
    expect(await one(`select performed_by_id from consents.consent_events`)).toEqual({ performed_by_id: id(HAKON) });
    expect(await one(`select recipient_id from consents.issued_tokens`)).toEqual({ recipient_id: id(BANKEN) });
    expect(await one(`select requestor_id, subject_id from evidence.accreditations`)).toEqual({ requestor_id: id(BANKEN), subject_id: id(HAKON) });
  });

  it('rewrites the append-only audit log, its frozen rows included, and keeps it append-only', async () => {
    const row = await one<{ actor_id: string; party_id: string; entity_id: string; after: Record<string, unknown> }>(
      `select actor_id, party_id, entity_id, after from delegations.audit_log`,
    );
    expect(row.actor_id).toBe(now.get(KARI));
    expect(row.party_id).toBe(now.get(TRANABYGG));
    expect(row.entity_id).toBe(ids.delegation);
    expect(row.after).toEqual({
      id: ids.delegation,
      fromId: now.get(TRANABYGG),
      toId: now.get(HAKON),
      createdById: now.get(KARI),
      actions: ['consent'],
    });
    await expect(database.db.execute(sql.raw(`update delegations.audit_log set action = 'X'`))).rejects.toThrow();
  });

  it('chains the log rows that were there before migration 0008', async () => {
    const results = await verifyLogs(database.db);
    expect(results.map((r) => r.broken)).toEqual(results.map(() => null));
    expect(results.map((r) => r.log)).toContain('delegations.support_lookups');
    expect(results.find((r) => r.log === 'delegations.audit_log')!.rows).toBe(1);
    expect(results.find((r) => r.log === 'consents.consent_events')!.rows).toBe(1);
  });

  it('leaves no old id anywhere, and the foreign keys in force', async () => {
    const columns = (await database.db.execute(
      sql.raw(`select table_schema, table_name, column_name from information_schema.columns
      where data_type in ('uuid', 'jsonb') and table_schema in ('parties', 'roles', 'delegations', 'consents', 'evidence')`),
    )) as unknown as { rows?: { table_schema: string; table_name: string; column_name: string }[] } & {
      table_schema: string;
      table_name: string;
      column_name: string;
    }[];
    const list = columns.rows ?? columns;
    expect(list.length).toBeGreaterThan(20);
    const olds = Object.values(old)
      .map((o) => `'${o}'`)
      .join(',');
    for (const c of list) {
      const { n } = await one<{ n: number }>(
        `select count(*)::int as n from "${c.table_schema}"."${c.table_name}" where "${c.column_name}"::text ~ any (array[${olds}])`,
      );
      expect(n, `${c.table_schema}.${c.table_name}.${c.column_name}`).toBe(0);
    }
    await expect(
      database.db.execute(
        sql.raw(`insert into roles.role_assignments (from_id, to_id, role_code) values ('${old[TRANABYGG]}', '${old[KARI]}', 'DAGL')`),
      ),
    ).rejects.toThrow();
  });

  it('gives parties inserted afterwards a random id by default', async () => {
    const row = await one<{ id: string }>(
      `insert into parties.parties (type, name, organization_number) values ('ORGANIZATION', 'NY AS', '310000019') returning id`,
    );
    expect(row.id).not.toBe(legacyPartyUuid('310000019'));
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
