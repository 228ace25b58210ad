import { createDatabase } from './client';
import { parseDbEnv } from './env';
import { migrate } from './migrate';
import { seedStory } from './seed/story';

// `npm run migrate`: applies the committed migrations and the story data, then exits; non-zero on failure.
// Run it once per deployment before starting subgraphs and router as separate processes.
const env = parseDbEnv();
const database = createDatabase({ url: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
try {
  await migrate(database);
  await seedStory(database.db);
  console.log(`migrated and seeded the story (${database.kind})`);
} catch (err) {
  console.error('migration failed:', err);
  process.exitCode = 1;
} finally {
  await database.close();
}
