import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { z } from 'zod';
import { defineCli, runWhenMain } from './cli';
import { buildTemplate, templateFile } from './pglite-template';

// `npm run db:template`: builds the template a new embedded database starts from (pglite-template.ts), unless the one
// of the current migrations is there. Run at `npm install` (scripts/build-pglite-template.mjs) and by `npm start`
// when it finds none.
const USAGE = `Usage: npm run db:template [-- --force]

Builds the template of the embedded database (initialised and migrated) for the current migrations and PGlite
version, in node_modules/.cache/hub, unless it is there. --force builds it again.`;

export const templateCli = defineCli({
  name: 'db:template',
  usage: USAGE,
  flags: { force: { type: 'boolean' } },
  args: z.object({ force: z.boolean().default(false) }),
  async run({ force }) {
    const file = templateFile();
    if (!force && existsSync(file)) {
      console.log(`db:template: ${relative(process.cwd(), file)} is up to date`);
      return;
    }
    const started = performance.now();
    await buildTemplate();
    console.log(`db:template: built ${relative(process.cwd(), file)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  },
});

runWhenMain(import.meta.url, templateCli);
