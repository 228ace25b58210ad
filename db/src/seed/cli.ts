// `npm run seed [-- --persons N --organizations M --seed S]`: migrates, writes the story, then (if asked) the
// synthetic bulk data. DATABASE_URL selects Postgres; without it the embedded database (PGLITE_DIR) is used.
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { defineCli, runWhenMain, wholeNumberFlag } from '../cli';
import { createDatabase, type Database } from '../client';
import { parseDbEnv } from '../env';
import { migrate } from '../migrate';
import { partyCounts } from '../party-counts';
import { readTemplate } from '../pglite-template';
import { seedSynthetic, type SeedSyntheticResult } from './bulk';
import { seedStory } from './story';

const USAGE = `Usage: npm run seed -- [--persons N] [--organizations M] [--seed S]

Migrates the database, writes the story data and, when N or M is above 0, N synthetic persons and M synthetic
organisations (subunits included) with their register roles, generated deterministically from seed S.
Running it again with the same options adds nothing.

  --persons N         synthetic persons (default 0)
  --organizations M   synthetic organisations, main units and subunits (default 0)
  --seed S            seed of the generator, 0–4294967295 (default 1)
  -h, --help          this text

DATABASE_URL=postgres://… selects Postgres; without it, the embedded database in PGLITE_DIR (.data/pglite).`;

const Args = z.object({
  persons: wholeNumberFlag('persons', { max: 10_000_000 }).default(0),
  organizations: wholeNumberFlag('organizations', { max: 5_000_000 }).default(0),
  seed: wholeNumberFlag('seed', { max: 0xffffffff }).default(1),
});
type Args = z.infer<typeof Args>;

const fmt = (n: number) => n.toLocaleString('en');

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2);

/** The synthetic bulk data, with a progress bar; prints what it wrote. */
async function seedSyntheticWithProgress(database: Database, args: Args): Promise<SeedSyntheticResult> {
  const t = performance.now();
  const bar = new cliProgress.SingleBar(
    { format: '  synthetic      [{bar}] {percentage}% | {value}/{total} rows | {duration}s', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let barStarted = false;
  let synthetic: SeedSyntheticResult;
  try {
    synthetic = await seedSynthetic(database, args, (done, total) => {
      if (!barStarted) {
        bar.start(total, done);
        barStarted = true;
      } else bar.update(done);
    });
  } finally {
    if (barStarted) bar.stop();
  }
  const { generated: g, inserted: i } = synthetic;
  console.log(
    `  synthetic      ${seconds(t)} s: seed ${args.seed}, ${fmt(g.persons)} persons, ${fmt(g.organizations)} organisations, ` +
      `${fmt(g.roleAssignments)} role assignments (${fmt(i.persons + i.organizations + i.roleAssignments)} rows new, ` +
      `${synthetic.statements} statements)`,
  );
  return synthetic;
}

async function seed(args: Args): Promise<void> {
  const env = parseDbEnv();
  const database = createDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE } : { pgliteDir: env.PGLITE_DIR, template: readTemplate },
  );
  const where = env.DATABASE_URL ? new URL(env.DATABASE_URL).host + new URL(env.DATABASE_URL).pathname : env.PGLITE_DIR;
  const started = performance.now();
  try {
    console.log(`Seeding ${database.kind} (${where})`);
    let t = performance.now();
    await migrate(database);
    console.log(`  migrations     ${seconds(t)} s`);
    t = performance.now();
    await seedStory(database.db);
    console.log(`  story          ${seconds(t)} s`);
    if (args.persons > 0 || args.organizations > 0) await seedSyntheticWithProgress(database, args);
    const totals = await partyCounts(database);
    console.log(
      `Done in ${seconds(started)} s. The database holds ${fmt(totals.persons)} persons, ` +
        `${fmt(totals.organizations)} organisations and ${fmt(totals.roleAssignments)} role assignments.`,
    );
  } finally {
    await database.close();
  }
}

export const seedCli = defineCli({
  name: 'seed',
  usage: USAGE,
  flags: { persons: { type: 'string' }, organizations: { type: 'string' }, seed: { type: 'string' } },
  args: Args,
  run: seed,
});

runWhenMain(import.meta.url, seedCli);
