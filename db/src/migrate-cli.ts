import { z } from 'zod';
import { defineCli, runWhenMain } from './cli';
import { createDatabase } from './client';
import { parseDbEnv } from './env';
import { migrate } from './migrate';
import { readTemplate } from './pglite-template';
import { seedStory } from './seed/story';

// `npm run migrate`: applies the committed migrations and the story data, then exits; non-zero on failure.
// Run it once per deployment before starting subgraphs and router as separate processes.
const USAGE = `Usage: npm run migrate

Applies the committed migrations and the story data. DATABASE_URL selects Postgres; without it, the embedded
database in PGLITE_DIR.`;

export const migrateCli = defineCli({
  name: 'migrate',
  usage: USAGE,
  args: z.object({}),
  async run() {
    const env = parseDbEnv();
    const database = createDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, template: readTemplate });
    try {
      await migrate(database);
      await seedStory(database.db);
      console.log(`migrated and seeded the story (${database.kind})`);
    } finally {
      await database.close();
    }
  },
});

runWhenMain(import.meta.url, migrateCli);
