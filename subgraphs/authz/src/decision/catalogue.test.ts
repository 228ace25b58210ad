import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, migrate, openStoryDatabase, seedStory, storyPartyIds, type Database, type Db } from '@hub/db';
import { decide } from './decide';
import type { DecisionRequest } from './types';

// Every process keeps the catalogue (roles, packages, resources, policy rules) in memory. A change made elsewhere must
// be seen by the next decision. On Postgres (DATABASE_URL) the change comes from another connection pool, as from
// another process; two readers stand for two processes. On the embedded database (one session) the writer is a raw
// statement the readers' caches never see.

let readers: Database[];
let writer: { execute(query: ReturnType<typeof sql>): Promise<unknown> };
let close: () => Promise<void>;
let id: (key: string) => string;

beforeAll(async () => {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = `hub_catalogue_${randomBytes(6).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const open = () => createDatabase({ url: url.toString(), poolSize: 2 });
    const setup = open();
    await migrate(setup);
    await seedStory(setup.db);
    readers = [open(), open()];
    writer = setup.db;
    close = async () => {
      for (const d of [...readers, setup]) await d.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const database = await openStoryDatabase();
    readers = [database];
    writer = database.db;
    close = () => database.close();
  }
  id = await storyPartyIds(readers[0]!.db);
});
afterAll(() => close?.());

const ask = (subject: string, party: string, resourceId: string, action: string): DecisionRequest => ({
  subjectId: id(subject),
  partyId: id(party),
  resourceId,
  action,
});
const karisSigns = () => ask('kari', 'tranabygg', 'ske-mva-melding', 'sign');

/** The decision of `request` by every reader (every "process"), which must agree. */
async function decisionOf(request: DecisionRequest) {
  const answers = await Promise.all(readers.map(async (r) => (await decide(r.db, [request]))[0]!));
  for (const a of answers) expect(a).toEqual(answers[0]);
  return answers[0]!;
}

async function statementsOf(db: Database, run: (db: Db) => Promise<unknown>): Promise<number> {
  const before = db.statementCount();
  await run(db.db);
  return db.statementCount() - before;
}

describe('the in-memory catalogue', () => {
  it('is read once, then only its version, with the facts', async () => {
    const reader = readers[0]!;
    await decide(reader.db, [karisSigns()]);
    const warm = await statementsOf(reader, (db) => decide(db, [karisSigns()]));
    await writer.execute(sql`update roles.resources set title = title where id = 'ske-mva-melding'`);
    const afterChange = await statementsOf(reader, (db) => decide(db, [karisSigns()]));
    expect(warm).toBeLessThanOrEqual(3);
    expect(afterChange).toBeGreaterThan(warm);
    expect(await statementsOf(reader, (db) => decide(db, [karisSigns()]))).toBe(warm);
  });

  it('sees a policy rule removed and restored by another connection at the next decision', async () => {
    expect((await decisionOf(karisSigns())).decision).toBe('PERMIT');
    await writer.execute(
      sql`create temporary table saved_rules as select * from roles.policy_rules where resource_id = 'ske-mva-melding' and action = 'sign'`,
    );
    await writer.execute(sql`delete from roles.policy_rules where resource_id = 'ske-mva-melding' and action = 'sign'`);
    expect((await decisionOf(karisSigns())).decision).toBe('NOT_APPLICABLE');
    await writer.execute(sql`insert into roles.policy_rules select * from saved_rules`);
    await writer.execute(sql`drop table saved_rules`);
    expect((await decisionOf(karisSigns())).decision).toBe('PERMIT');
  });

  it('sees a role’s packages and urn change', async () => {
    const before = await decisionOf(karisSigns());
    expect(before.reasons).toContainEqual({ source: 'ACCESS_PACKAGE', via: 'urn:altinn:accesspackage:merverdiavgift' });
    await writer.execute(sql`delete from roles.package_roles where role_code = 'DAGL' and package_urn = 'urn:altinn:accesspackage:merverdiavgift'`);
    expect((await decisionOf(karisSigns())).reasons).not.toContainEqual({ source: 'ACCESS_PACKAGE', via: 'urn:altinn:accesspackage:merverdiavgift' });
    await writer.execute(sql`insert into roles.package_roles (role_code, package_urn) values ('DAGL', 'urn:altinn:accesspackage:merverdiavgift')`);
    await writer.execute(sql`update roles.roles set urn = urn || ':renamed' where code = 'DAGL'`);
    expect((await decisionOf(karisSigns())).reasons).toEqual(
      before.reasons.map((r) => (r.source === 'ROLE' ? { ...r, via: `${r.via}:renamed` } : r)),
    );
    await writer.execute(sql`update roles.roles set urn = replace(urn, ':renamed', '') where code = 'DAGL'`);
    expect(await decisionOf(karisSigns())).toEqual(before);
  });

  it('sees a resource appear, change its authentication level and go', async () => {
    const request = ask('kari', 'tranabygg', 'perf-new-resource', 'read');
    expect((await decisionOf(request)).decision).toBe('INDETERMINATE');
    await writer.execute(sql`
      insert into roles.resources (id, owner_id, type, title, actions, minimum_authentication_level)
      values ('perf-new-resource', ${id('skatteetaten')}, 'SERVICE', 'New', '{read}', 3)`);
    await writer.execute(
      sql`insert into roles.policy_rules (resource_id, subject_kind, subject, action) values ('perf-new-resource', 'ROLE', 'DAGL', 'read')`,
    );
    expect(await decisionOf(request)).toMatchObject({ decision: 'PERMIT', obligations: { minimumAuthenticationLevel: 3 } });
    await writer.execute(sql`update roles.resources set minimum_authentication_level = 4 where id = 'perf-new-resource'`);
    expect(await decisionOf(request)).toMatchObject({ decision: 'PERMIT', obligations: { minimumAuthenticationLevel: 4 } });
    await writer.execute(sql`delete from roles.resources where id = 'perf-new-resource'`);
    expect((await decisionOf(request)).decision).toBe('INDETERMINATE');
  });

  it('does not see a change before it commits, and sees it once it does', async () => {
    const reader = readers[0]!;
    await decide(reader.db, [karisSigns()]);
    await reader.db
      .transaction(async (tx) => {
        await tx.execute(sql`delete from roles.policy_rules where resource_id = 'ske-mva-melding' and action = 'sign'`);
        // Inside the transaction, the change is seen (the transaction reads its own bumped version) …
        expect((await decide(tx as unknown as Db, [karisSigns()]))[0]!.decision).toBe('NOT_APPLICABLE');
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    // … and, rolled back, never by anyone.
    expect((await decisionOf(karisSigns())).decision).toBe('PERMIT');
  });
});
