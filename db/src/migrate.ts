import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { Database } from './client';

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));
/** The schema where drizzle records the migrations applied (`drizzle.__drizzle_migrations`). */
export const MIGRATIONS_SCHEMA = 'drizzle';

/** Applies every migration of `folder` (by default the committed ones) not yet applied. */
export async function migrate(database: Database, folder = migrationsFolder): Promise<void> {
  const config = { migrationsFolder: folder, migrationsSchema: MIGRATIONS_SCHEMA };
  if (database.kind === 'postgres') await migratePostgres(database.db as never, config);
  else await migratePglite(database.db as never, config);
}
