import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGS, verifyLogs, type Db } from '@hub/db';
import { consentEvents } from '@hub/db/consents';
import { auditLog, supportLookups } from '@hub/db/delegations';
import { evidenceRetrievals } from '@hub/db/evidence';
import { CREATE, inSeconds, storyTokens, URN } from '../support/consents';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let db: Db;
beforeAll(async () => {
  stack = await startTestStack();
  db = stack.database.db;
});
afterAll(() => stack?.close());

const rowsOf = async <T>(query: ReturnType<typeof sql>): Promise<T[]> => {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
};
const count = async (log: string) => Number((await rowsOf<{ n: string | number }>(sql.raw(`SELECT count(*) AS n FROM ${log}`)))[0]!.n);

/** The database's own message for a refused statement (drizzle wraps it). */
const refusal = (statement: string) =>
  db.execute(sql.raw(statement)).then(
    () => 'accepted',
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

/** Changes one row as a superuser would, with every trigger switched off. */
const tamper = (statement: string) =>
  db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql.raw(statement));
  });

async function appendAudit(n: number) {
  const party = await stack.partyId('kari');
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      db.transaction(async (tx) => {
        await tx.insert(auditLog).values({
          actorId: party,
          action: 'DELEGATION_CREATED',
          entityType: 'DELEGATION',
          entityId: randomUUID(),
          partyId: party,
          before: null,
          after: { n: i, note: 'æøå "quoted"' },
        });
      }),
    ),
  );
}

describe('the append-only logs', () => {
  it('chains the rows of every log, also under concurrent appends, and verifies clean', async () => {
    const t = await storyTokens(stack);
    const input = () => ({
      from: URN.hakon,
      validTo: inSeconds(3600),
      redirectUrl: 'http://localhost:9999/callback',
      rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
    });
    const created = await Promise.all(Array.from({ length: 12 }, () => stack.graphql(CREATE, { input: input() }, t.banken)));
    for (const { body } of created) expect(body.errors).toBeUndefined();
    await appendAudit(20);
    const [{ name: code }] = (await rowsOf<{ name: string }>(sql`SELECT name FROM evidence.evidence_codes ORDER BY name LIMIT 1`)) as [
      { name: string },
    ];
    const [requestor, subject] = [await stack.partyId('banken'), await stack.partyId('hakon')];
    await Promise.all(
      Array.from({ length: 5 }, () =>
        db.insert(evidenceRetrievals).values(
          [0, 1, 2].map(() => ({
            requestorId: requestor,
            subjectId: subject,
            code,
            accreditationId: null,
            status: 'DENIED',
            reason: 'test',
            at: new Date(),
          })),
        ),
      ),
    );

    const digdir = await stack.partyId('digdir');
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        db
          .insert(supportLookups)
          .values({ actorId: digdir, clientId: 'altinn-brukerservice', partyId: subject, caseNumber: `2026-000${i}`, reason: 'test' }),
      ),
    );

    const results = await verifyLogs(db);
    expect(results.map((r) => [r.log, r.broken])).toEqual(LOGS.map((l) => [l.name, null]));
    const rows = Object.fromEntries(results.map((r) => [r.log, r.rows]));
    expect(rows['consents.consent_events']).toBeGreaterThanOrEqual(12);
    expect(rows['delegations.audit_log']).toBeGreaterThanOrEqual(20);
    expect(rows['evidence.evidence_retrievals']).toBe(15);
    expect(rows['delegations.support_lookups']).toBe(6);
    // One chain per log (consent events: one per consent): every row names the row before it by id order, none is
    // shared (no fork).
    for (const { name, chainWithin } of LOGS) {
      const key = chainWithin ?? `''`;
      const rows = await rowsOf<{ key: string; prev_hash: string; hash: string }>(
        sql.raw(`SELECT ${key}::text AS key, prev_hash, hash FROM ${name} ORDER BY 1, id`),
      );
      expect(rows.length).toBe(await count(name));
      const chains = new Map<string, typeof rows>();
      for (const row of rows) chains.set(row.key, [...(chains.get(row.key) ?? []), row]);
      for (const chain of chains.values()) {
        expect(chain[0]!.prev_hash).toBe('');
        chain.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(chain[i]!.hash));
        expect(new Set(chain.map((r) => r.prev_hash)).size).toBe(chain.length);
      }
    }
  });

  it.runIf(!!process.env.DATABASE_URL)('npm run logs:verify exits 0 on the untampered database', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'db/src/logs-verify-cli.ts'], {
      env: { ...process.env, DATABASE_URL: stack.databaseUrl! },
    });
    for (const { name } of LOGS) expect(stdout).toMatch(new RegExp(`^ok {5}${name.replace('.', '\\.')}: \\d+ rows, head [0-9a-f]{64}$`, 'm'));
  });

  for (const { name } of LOGS) {
    it(`${name} refuses UPDATE, DELETE and TRUNCATE`, async () => {
      const before = await count(name);
      expect(before).toBeGreaterThan(0);
      expect(await refusal(`UPDATE ${name} SET at = now()`)).toMatch(/append-only/);
      expect(await refusal(`DELETE FROM ${name}`)).toMatch(/append-only/);
      expect(await refusal(`TRUNCATE ${name} CASCADE`)).toMatch(/append-only: TRUNCATE refused/);
      expect(await count(name)).toBe(before);
    });
  }

  it('finds a superuser’s edit of a row, naming the log and the row', async () => {
    const [victim] = await rowsOf<{ id: string | number }>(sql`SELECT id FROM delegations.audit_log ORDER BY id OFFSET 3 LIMIT 1`);
    await tamper(`UPDATE delegations.audit_log SET action = 'DELEGATION_REVOKED' WHERE id = ${victim!.id}`);
    const audit = (await verifyLogs(db)).find((r) => r.log === 'delegations.audit_log')!;
    expect(audit.broken).toEqual({ id: Number(victim!.id), problem: expect.stringMatching(/content/) });
    expect(audit.rows).toBe(3);
  });

  it('finds a re-hashed edit and a removed row by the next link', async () => {
    // Two events in a row of one consent: consent events are chained per consent.
    const [{ consent_id: consentId }] = (await rowsOf<{ consent_id: string }>(
      sql`SELECT consent_id FROM consents.consent_events ORDER BY id LIMIT 1`,
    )) as [{ consent_id: string }];
    await db.insert(consentEvents).values({ consentId, type: 'TOKEN_ISSUED', performedById: null });
    const [victim, next] = await rowsOf<{ id: string | number }>(
      sql`SELECT id FROM consents.consent_events WHERE consent_id = ${consentId} ORDER BY id LIMIT 2`,
    );
    // The forger recomputes the edited row's own hash: the next row's link still gives it away.
    await tamper(`UPDATE consents.consent_events SET at = at - interval '1 day' WHERE id = ${victim!.id}`);
    await tamper(
      `UPDATE consents.consent_events SET hash = logs.link(prev_hash, logs.content(consent_events, ARRAY['id','consent_id','type','at','performed_by_id','resource_id','delivered_to_id'])) WHERE id = ${victim!.id}`,
    );
    const events = (await verifyLogs(db)).find((r) => r.log === 'consents.consent_events')!;
    expect(events.broken).toEqual({ id: Number(next!.id), problem: expect.stringMatching(/previous row/) });

    const [removed, after] = await rowsOf<{ id: string | number }>(sql`SELECT id FROM evidence.evidence_retrievals ORDER BY id OFFSET 5 LIMIT 2`);
    await tamper(`DELETE FROM evidence.evidence_retrievals WHERE id = ${removed!.id}`);
    const evidence = (await verifyLogs(db)).find((r) => r.log === 'evidence.evidence_retrievals')!;
    expect(evidence.broken).toEqual({ id: Number(after!.id), problem: expect.stringMatching(/previous row/) });
  });

  it.runIf(!!process.env.DATABASE_URL)('npm run logs:verify names the broken log and row, with a non-zero exit', async () => {
    const url = stack.databaseUrl!;
    const run = promisify(execFile);
    const failure = await run('npx', ['tsx', 'db/src/logs-verify-cli.ts'], { env: { ...process.env, DATABASE_URL: url } }).catch((e) => e);
    expect(failure.code).toBe(1);
    expect(failure.stdout).toMatch(/BROKEN delegations\.audit_log: first broken link at id \d+/);
    expect(failure.stdout).toMatch(/BROKEN consents\.consent_events/);
  });
});
