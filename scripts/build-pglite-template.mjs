#!/usr/bin/env node
// Builds the template the embedded database starts from (db/src/pglite-template.ts), so that the first `npm start`
// skips initdb and the migrations. Runs at `postinstall`, after patch-postgres.mjs, when every workspace's
// dependencies are in place. Never fails the install: without a template a new database is initialised and migrated
// as before, and `npm start` builds the template once the stack is ready.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'db', 'src', 'pglite-template-cli.ts')], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'pipe'],
  encoding: 'utf8',
  timeout: 120_000,
});
if (result.status !== 0) {
  // The line that names the error (`db:template failed: …`, Node's `Error [CODE]: …`), not a stack frame.
  const lines = (result.stderr ?? '').split('\n').map((line) => line.trim());
  const reason =
    result.error?.message ?? lines.find((line) => /error|failed/i.test(line) && !line.startsWith('at ')) ?? `exit ${result.status ?? result.signal}`;
  console.warn(`db:template: not built (${reason}); the first npm start initialises the embedded database instead.`);
}
