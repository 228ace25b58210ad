#!/usr/bin/env node
// Patches postgres.js (3.4.x) so that a database restart cannot end the process.
//
// `nextWrite` runs from a `setImmediate` scheduled by a small write. When the server closes the connection in
// between (a restart, `pg_terminate_backend`), `closed()` has already set `socket = null`, and
// `socket.write(...)` throws from the timer: an uncaught TypeError ("Cannot read properties of null (reading
// 'write')") that no caller can catch. Upstream: porsager/postgres issues 1066, 1154, 1208; fix proposals
// PR 1168/1176 (return early) and PR 1209 (return early and settle the pending queries with CONNECTION_CLOSED,
// so that no caller awaits forever). This applies the PR 1209 shape.
//
// Runs at `postinstall`. Idempotent (a patched file is recognised by its marker). Fails loudly when the
// version is not 3.4.x or the code it replaces is not found exactly: then review whether the patch is still
// needed (upstream may have fixed it) before changing this script.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = '/* hub: patched by scripts/patch-postgres.mjs (porsager/postgres#1208) */';
const ORIGINAL = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)
`;
const PATCHED = `  function nextWrite(fn) {
    ${MARKER}
    if (!socket) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)
`;
/** Every build of the driver that Node may load: ESM, CommonJS and the Cloudflare one. */
const FILES = ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js'];

function fail(message) {
  console.error(`patch-postgres: ${message}`);
  process.exit(1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Looked up from the db workspace, the one that depends on the driver (its `exports` hide package.json).
const packageJson = (createRequire(join(root, 'db', 'package.json')).resolve.paths('postgres') ?? [])
  .map((modules) => join(modules, 'postgres', 'package.json'))
  .find((candidate) => existsSync(candidate));
if (!packageJson) fail('postgres is not installed (run npm ci first).');
const dir = dirname(packageJson);
const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
if (!/^3\.4\.\d+$/.test(version)) {
  fail(`postgres ${version} is not 3.4.x: check whether porsager/postgres#1208 is fixed upstream, then update or drop this patch.`);
}

let changed = 0;
for (const file of FILES) {
  const path = join(dir, file);
  const code = readFileSync(path, 'utf8');
  if (code.includes(MARKER)) continue;
  const at = code.indexOf(ORIGINAL);
  if (at === -1 || code.indexOf(ORIGINAL, at + 1) !== -1) {
    fail(`${path}: the code this patch replaces (nextWrite) was not found exactly once in postgres ${version}; review the patch.`);
  }
  if (!code.includes("import { Errors } from './errors.js'") && !code.includes("require('./errors.js')")) {
    fail(`${path}: Errors is no longer imported where the patch needs it; review the patch.`);
  }
  writeFileSync(path, code.replace(ORIGINAL, PATCHED));
  changed++;
}
console.log(`patch-postgres: postgres ${version} ${changed ? `patched (${changed} files)` : 'already patched'}`);
