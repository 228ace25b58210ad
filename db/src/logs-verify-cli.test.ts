import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from './client';
import { migrate } from './migrate';
import { auditLog } from './schema/index';

// `npm run logs:verify` on the embedded database (a PGlite folder on disk); test/resilience/logs.e2e.ts runs it on Postgres.
const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hub-logs-verify-'));
const { DATABASE_URL: _postgres, ...env } = process.env;
const run = () =>
  promisify(execFile)('npx', ['tsx', 'db/src/logs-verify-cli.ts'], { cwd: root, env: { ...env, PGLITE_DIR: dir } }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );

async function withDatabase(fn: (db: ReturnType<typeof createDatabase>['db']) => Promise<unknown>) {
  const database = createDatabase({ pgliteDir: dir });
  try {
    await fn(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  await withDatabase(async (db) => {
    await migrate({ db, kind: 'pglite' } as never);
    const party = '00000000-0000-4000-8000-000000000001';
    for (const action of ['DELEGATION_CREATED', 'DELEGATION_REVOKED', 'DELEGATION_CREATED']) {
      await db
        .insert(auditLog)
        .values({ actorId: party, action, entityType: 'DELEGATION', entityId: party, partyId: party, before: null, after: { action } });
    }
  });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run logs:verify on the embedded database', () => {
  it('reports every log whole, with exit 0, when nothing was touched', async () => {
    const { code, stdout } = await run();
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok {5}delegations\.audit_log: 3 rows, head [0-9a-f]{64}$/m);
    expect(stdout).toMatch(/^ok {5}consents\.consent_events: 0 rows, head \(empty\)$/m);
  }, 60_000);

  it('names the log and the first broken row, with exit 1, after an edit under replica role', async () => {
    let second = 0;
    await withDatabase(async (db) => {
      const result = (await db.execute(sql`SELECT id FROM delegations.audit_log ORDER BY id OFFSET 1 LIMIT 1`)) as unknown as {
        rows: { id: number }[];
      };
      second = Number(result.rows[0]!.id);
      await db.execute(sql`SET session_replication_role = replica`);
      await db.execute(sql.raw(`UPDATE delegations.audit_log SET after = '{"action":"FORGED"}' WHERE id = ${second}`));
    });
    const { code, stdout } = await run();
    expect(code).toBe(1);
    expect(stdout).toContain(`BROKEN delegations.audit_log: first broken link at id ${second}: hash does not match the row content`);
    expect(stdout).toMatch(/^ok {5}evidence\.evidence_retrievals/m);
  }, 60_000);
});
