import { z } from 'zod';
import { defineCli, runWhenMain } from './cli';
import { createDatabase } from './client';
import { parseDbEnv } from './env';
import { verifyLogs } from './logs';

// `npm run logs:verify`: recomputes the hash chain of every append-only log (DATABASE_URL, or the embedded database)
// and prints, per log, its length and head hash, or the first broken link. Exit code 1 if any link is broken, 2 if
// the check could not run.
const USAGE = `Usage: npm run logs:verify

Recomputes the hash chain of every append-only log and prints, per log, its length and head hash or the first
broken link. Exit code 1 if a link is broken, 2 if the check could not run. DATABASE_URL selects Postgres; without
it, the embedded database in PGLITE_DIR.`;

export const logsVerifyCli = defineCli({
  name: 'logs:verify',
  usage: USAGE,
  args: z.object({}),
  failureCode: 2,
  async run() {
    const env = parseDbEnv();
    const database = createDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, poolSize: 1 });
    try {
      const results = await verifyLogs(database.db);
      for (const r of results) {
        if (r.broken) console.log(`BROKEN ${r.log}: first broken link at id ${r.broken.id}: ${r.broken.problem} (${r.rows} rows verified before it)`);
        else console.log(`ok     ${r.log}: ${r.rows} rows, head ${r.head || '(empty)'}`);
      }
      return results.some((r) => r.broken) ? 1 : 0;
    } finally {
      await database.close();
    }
  },
});

runWhenMain(import.meta.url, logsVerifyCli);
