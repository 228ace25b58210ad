// The template a new embedded database starts from is built at `npm install`. When `npm start` finds none for the
// current migrations (the install could not build it, or a migration came since), it builds it for the next new
// database, after the stack is ready.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { templateFile } from '@hub/db';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../db/src/pglite-template-cli.ts', import.meta.url));
/** The lowest priority: the build must not slow the requests the stack and the router answer meanwhile. */
const NICENESS = 19;

/**
 * Builds the template unless it is there: in a process of its own (initdb in WebAssembly would hold this event loop
 * for a second), in the stack's process group (Ctrl-C stops it too; a template is renamed into place whole, so a
 * build cut short leaves none). Its errors go to stderr; the next start tries again.
 */
export function buildTemplateWhenMissing(): void {
  if (existsSync(templateFile())) return;
  const build = spawn(process.execPath, ['--import', 'tsx', CLI], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  build.once('spawn', () => {
    try {
      setPriority(build.pid!, NICENESS);
    } catch {
      // Not allowed here: the build runs at normal priority.
    }
  });
  build.once('error', (err) => console.error(`building the database template failed: ${err.message}`));
  build.unref();
}
