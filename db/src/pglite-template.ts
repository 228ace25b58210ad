import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_SCHEMA, migrationsFolder } from './migrate';

/**
 * The template of the embedded database: a tarball of a PGlite data directory that is initialised and migrated, so
 * that a new database (the first `npm start`, the tests' stacks and story databases) is a copy of it instead of running initdb in
 * WebAssembly and every migration (a second or more). Built at `npm install` (pglite-template-cli.ts) and cached where
 * it is never committed; its name carries a hash of the migrations and of PGlite, so a changed migration or PGlite
 * version means no template until the next build, never a stale one. Without the story: party ids are random per
 * database, and seeding an empty database costs a few tens of milliseconds.
 */

/** Bump when the way a template is made changes, so that older ones are no longer used. */
const TEMPLATE_FORMAT = 1;
const PREFIX = 'pglite-template-';
const SUFFIX = '.tar.gz';
const DEFAULT_CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/hub', import.meta.url));

export interface TemplateLocation {
  /** Where templates are kept. Default: `node_modules/.cache/hub` at the repository root. */
  cacheDir?: string;
  /** The migrations the template holds. Default: the committed ones. */
  migrationsFolder?: string;
}

function pgliteVersion(): string {
  // The package's `exports` hide its package.json: found from its entry point (dist/index.cjs).
  const packageJson = join(dirname(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'))), 'package.json');
  const { name, version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { name: string; version: string };
  if (name !== '@electric-sql/pglite') throw new Error(`expected PGlite's package.json at ${packageJson}, found ${name}'s`);
  return version;
}

/** A hash of every file of the migrations folder (names and contents), the PGlite version and the template format. */
export function templateKey(folder: string = migrationsFolder): string {
  const hash = createHash('sha256').update(`format ${TEMPLATE_FORMAT}\0pglite ${pgliteVersion()}\0`);
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(folder, name)).isFile())
    .sort();
  for (const name of files)
    hash
      .update(`${name}\0`)
      .update(readFileSync(join(folder, name)))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The file the template of these migrations is kept in (whether it exists or not). */
export function templateFile(location: TemplateLocation = {}): string {
  return join(location.cacheDir ?? DEFAULT_CACHE_DIR, `${PREFIX}${templateKey(location.migrationsFolder)}${SUFFIX}`);
}

/**
 * The template of the current migrations as an uncompressed tarball (what createDatabase's `template` takes), or
 * undefined when there is none or it cannot be read: the database then runs initdb, as without a template.
 */
export function readTemplate(location: TemplateLocation = {}): Uint8Array<ArrayBuffer> | undefined {
  const file = templateFile(location);
  if (!existsSync(file)) return undefined;
  try {
    return gunzipSync(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** Builds the template of the current migrations (replacing those of other migrations); answers its file. */
export async function buildTemplate(location: TemplateLocation = {}): Promise<string> {
  const cacheDir = location.cacheDir ?? DEFAULT_CACHE_DIR;
  const file = templateFile(location);
  const client = new PGlite('memory://');
  let tarball: Blob;
  try {
    await migrate(drizzle(client), { migrationsFolder: location.migrationsFolder ?? migrationsFolder, migrationsSchema: MIGRATIONS_SCHEMA });
    // Written to the data files now, so that a database started from the copy has no log to replay.
    await client.exec('CHECKPOINT');
    tarball = await client.dumpDataDir('gzip');
  } finally {
    await client.close();
  }
  mkdirSync(cacheDir, { recursive: true });
  // Renamed into place whole: a reader (another start, a test worker) never sees half a template.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()));
  renameSync(partial, file);
  for (const name of readdirSync(cacheDir)) {
    if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && join(cacheDir, name) !== file) rmSync(join(cacheDir, name), { force: true });
  }
  return file;
}
