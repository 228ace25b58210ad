import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, rowsOf, type Database } from './client';
import { migrate, migrationsFolder } from './migrate';
import { buildTemplate, readTemplate, templateFile } from './pglite-template';
import { seedStory } from './seed/story';

// A new embedded database starts as a copy of the migrated template instead of running initdb and the migrations;
// the template must be of exactly the current migrations, and every copy a database of its own.

const KARI = '17857210042';
const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number }[] };
const MIGRATIONS = journal.entries.length;

const scratch = mkdtempSync(join(tmpdir(), 'hub-template-'));
const cacheDir = join(scratch, 'cache');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
beforeAll(() => buildTemplate({ cacheDir }));

/** A copy of the migrations folder without its last migration. */
function migrationsButTheLast(): string {
  const dir = join(scratch, 'migrations-but-the-last');
  cpSync(migrationsFolder, dir, { recursive: true });
  const path = join(dir, 'meta', '_journal.json');
  writeFileSync(path, JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
  return dir;
}

/** How many migrations the database records as applied; 0 when it has never been migrated. */
async function appliedMigrations(database: Database): Promise<number> {
  const [table] = await rowsOf<{ name: string | null }>(database.db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`);
  if (!table?.name) return 0;
  const [row] = await rowsOf<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return row!.n;
}

async function partyName(database: Database, number: string): Promise<string | undefined> {
  const rows = await rowsOf<{ name: string }>(database.db, sql`select name from parties.parties where national_identity_number = ${number}`);
  return rows[0]?.name;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the template of the embedded database', () => {
  it('starts a new database in a missing directory already migrated, which migrate and seeding then take as it is', async () => {
    const dir = join(scratch, 'new-db');
    const database = createDatabase({ pgliteDir: dir, template: () => readTemplate({ cacheDir }) });
    try {
      expect(await appliedMigrations(database)).toBe(MIGRATIONS);
      await migrate(database);
      expect(await appliedMigrations(database)).toBe(MIGRATIONS);
      await seedStory(database.db);
      expect(await partyName(database, KARI)).toBe('KARI NORDMANN');
    } finally {
      await database.close();
    }

    // Opened again, it is an existing database: the template is not even asked for, and the data is there.
    let asked = 0;
    const again = createDatabase({ pgliteDir: dir, template: () => (asked++, readTemplate({ cacheDir })) });
    try {
      expect(await partyName(again, KARI)).toBe('KARI NORDMANN');
      expect(asked).toBe(0);
    } finally {
      await again.close();
    }
  });

  it('gives every new database a copy of its own: what one writes reaches neither the template nor the next', async () => {
    const file = templateFile({ cacheDir });
    const before = sha256(file);
    const first = createDatabase({ pgliteDir: 'memory://', template: () => readTemplate({ cacheDir }) });
    try {
      await seedStory(first.db);
      expect(await partyName(first, KARI)).toBe('KARI NORDMANN');
    } finally {
      await first.close();
    }
    expect(sha256(file)).toBe(before);

    const second = createDatabase({ pgliteDir: join(scratch, 'second-db'), template: () => readTemplate({ cacheDir }) });
    try {
      expect(await appliedMigrations(second)).toBe(MIGRATIONS);
      expect(await partyName(second, KARI)).toBeUndefined();
    } finally {
      await second.close();
    }
  });

  it('uses no template of other migrations, and one replaces the other when built', async () => {
    const otherCache = join(scratch, 'other-cache');
    const older = migrationsButTheLast();
    const olderFile = await buildTemplate({ cacheDir: otherCache, migrationsFolder: older });
    expect(existsSync(olderFile)).toBe(true);
    expect(templateFile({ cacheDir: otherCache })).not.toBe(olderFile);
    expect(readTemplate({ cacheDir: otherCache })).toBeUndefined();

    // Without a template of the current migrations, a new database is initialised and migrated from scratch.
    const fresh = createDatabase({ pgliteDir: 'memory://', template: () => readTemplate({ cacheDir: otherCache }) });
    try {
      expect(await appliedMigrations(fresh)).toBe(0);
      await migrate(fresh);
      expect(await appliedMigrations(fresh)).toBe(MIGRATIONS);
    } finally {
      await fresh.close();
    }

    // Even a database started from an older template ends up with every migration, since migrate still runs.
    const stale = createDatabase({ pgliteDir: 'memory://', template: () => readTemplate({ cacheDir: otherCache, migrationsFolder: older }) });
    try {
      expect(await appliedMigrations(stale)).toBe(MIGRATIONS - 1);
      await migrate(stale);
      expect(await appliedMigrations(stale)).toBe(MIGRATIONS);
    } finally {
      await stale.close();
    }

    const current = await buildTemplate({ cacheDir: otherCache });
    expect(existsSync(current)).toBe(true);
    expect(existsSync(olderFile)).toBe(false);
  }, 60_000);

  it('initialises a new directory as without a template when the template cannot be unpacked, leaving nothing behind', async () => {
    const dir = join(scratch, 'unpackable', 'db');
    // A tarball whose first entry is a link, which the unpacking refuses.
    const tar = new Uint8Array(readTemplate({ cacheDir })!);
    tar[156] = '2'.charCodeAt(0);
    const database = createDatabase({ pgliteDir: dir, template: () => tar });
    try {
      expect(await appliedMigrations(database)).toBe(0);
    } finally {
      await database.close();
    }
    expect(readdirSync(join(scratch, 'unpackable'))).toEqual(['db']);
  });

  it('reads no template from a file that is not one (the database is then initialised as without)', () => {
    const brokenCache = join(scratch, 'broken-cache');
    const file = templateFile({ cacheDir: brokenCache });
    mkdirSync(brokenCache);
    writeFileSync(file, readFileSync(templateFile({ cacheDir })).subarray(0, 1000));
    expect(readTemplate({ cacheDir: brokenCache })).toBeUndefined();
  });
});
