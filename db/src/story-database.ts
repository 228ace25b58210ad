import { createDatabase, type Database } from './client';
import { migrate } from './migrate';
import { readTemplate } from './pglite-template';
import { seedStory } from './seed/story';

/** A throwaway in-memory database, migrated and seeded with the story: for tests of code that reads it. */
export async function openStoryDatabase(): Promise<Database> {
  const database = createDatabase({ pgliteDir: 'memory://', template: readTemplate });
  await migrate(database);
  await seedStory(database.db);
  return database;
}
