// `npm run seed [-- --persons N --organizations M --seed S]`: migrates, writes the story, then (if asked) the
// synthetic bulk data. DATABASE_URL selects Postgres; without it the embedded database (PGLITE_DIR) is used.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { createDatabase } from '../client';
import { parseDbEnv } from '../env';
import { migrate } from '../migrate';
import { partyCounts } from '../party-counts';
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

const count_ = (flag: string, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: (issue) => `--${flag} must be a whole number ≥ 0, not ${JSON.stringify(issue.input)}` })
    .transform(Number)
    .pipe(z.number().max(max, `--${flag} must be at most ${max.toLocaleString('en')}`))
    .optional();

const Args = z.object({
  persons: count_('persons', 10_000_000).default(0),
  organizations: count_('organizations', 5_000_000).default(0),
  seed: count_('seed', 0xffffffff).default(1),
});
type Args = z.infer<typeof Args>;

class UsageError extends Error {}

function parseCommandLine(argv: string[]): Args | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        persons: { type: 'string' },
        organizations: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

const fmt = (n: number) => n.toLocaleString('en');

async function main(argv: string[]): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`seed: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }

  const env = parseDbEnv();
  const database = createDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE } : { pgliteDir: env.PGLITE_DIR },
  );
  const where = env.DATABASE_URL ? new URL(env.DATABASE_URL).host + new URL(env.DATABASE_URL).pathname : env.PGLITE_DIR;
  const started = performance.now();
  const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2);
  try {
    console.log(`Seeding ${database.kind} (${where})`);
    let t = performance.now();
    await migrate(database);
    console.log(`  migrations     ${seconds(t)} s`);
    t = performance.now();
    await seedStory(database.db);
    console.log(`  story          ${seconds(t)} s`);

    let synthetic: SeedSyntheticResult | undefined;
    if (args.persons > 0 || args.organizations > 0) {
      t = performance.now();
      const bar = new cliProgress.SingleBar(
        { format: '  synthetic      [{bar}] {percentage}% | {value}/{total} rows | {duration}s', hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      let barStarted = false;
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
    }

    const totals = await partyCounts(database);
    console.log(
      `Done in ${seconds(started)} s. The database holds ${fmt(totals.persons)} persons, ` +
        `${fmt(totals.organizations)} organisations and ${fmt(totals.roleAssignments)} role assignments.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Drizzle wraps driver errors ("Failed query: …"); the cause (ECONNREFUSED, a constraint …) is what matters.
    const lines: string[] = [];
    for (let e: unknown = error; e !== undefined && lines.length < 5; e = e instanceof Error ? e.cause : undefined) {
      lines.push(e instanceof Error ? e.message || e.name : String(e));
    }
    console.error(`seed failed: ${lines.join('\n  caused by: ')}`);
    if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
    process.exitCode = 1;
  },
);
