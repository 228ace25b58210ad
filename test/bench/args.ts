import { type CliFlags, wholeNumberFlag } from '@hub/db/cli';
import { z } from 'zod';
import { DEFAULT_ADMIN_URL } from './database';

export const USAGE = `Usage: npm run bench -- [options]

Benchmarks the hub on Postgres: a database of its own for this run ("hub_bench_<pid>_<time>", dropped afterwards),
the stack as \`npm start\` runs it, each subgraph and the router alone as separate processes, and (with --compare)
Apollo Gateway on the same subgraphs. Targets of a row run interleaved (A, B, A, B, …), medians are reported, every
connection sends its own token or body, and every response is checked. Ends with the issue-14 goals, PASS/FAIL.

  --duration S        seconds per measured run (default 10)
  --rounds N          interleaved rounds per row (default 3)
  --warmup S          warm-up seconds per target before a row's rounds, not measured (default 2)
  --connections C     concurrent connections (default 50)
  --merged            also run every target with one token/body shared by all connections (the merged case)
  --compare           also start Apollo Gateway (devDependency) and compare it with the router alone
  --scale             seed --scale-small persons first and measure the decision, then --scale-large, and print the growth
  --scale-small N     persons of the small scale step (default 10000; organisations: a fifth)
  --scale-large N     persons of the large scale step (default 1000000; organisations: a fifth)
  --persons N         synthetic persons to seed besides the story, without --scale (default 0)
  --organizations M   synthetic organisations to seed besides the story, without --scale (default 0)
  --seed S            seed of the synthetic data (default 1)
  --scenario TEXT     run only rows whose name contains TEXT (repeatable); rows: ${'partyByUrn, meThree, authorize100, authorize1, authorize1c1, consentTokens, sqlStatements, startup'}
  --samples N         requests checked one by one per target after its runs (default 20)
  --log-level L       server log level (default warn)
  --write-docs        append the results, machine, load and command to docs/benchmarks.md
  --keep              keep the database afterwards
  -h, --help          this text

DATABASE_URL (default ${DEFAULT_ADMIN_URL}) is the admin connection used to create and drop the run's database.`;

export const BENCH_FLAGS = {
  duration: { type: 'string' },
  rounds: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  merged: { type: 'boolean' },
  compare: { type: 'boolean' },
  scale: { type: 'boolean' },
  'scale-small': { type: 'string' },
  'scale-large': { type: 'string' },
  persons: { type: 'string' },
  organizations: { type: 'string' },
  seed: { type: 'string' },
  scenario: { type: 'string', multiple: true },
  samples: { type: 'string' },
  'log-level': { type: 'string' },
  'write-docs': { type: 'boolean' },
  keep: { type: 'boolean' },
} satisfies CliFlags;

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export const BenchArgs = z
  .object({
    // A signature made once per connection stays valid 60 s: a longer run would fail on the signed target.
    duration: wholeNumberFlag('duration', { min: 1, max: 50 }).default(10),
    rounds: wholeNumberFlag('rounds', { min: 1 }).default(3),
    warmup: wholeNumberFlag('warmup').default(2),
    connections: wholeNumberFlag('connections', { min: 1 }).default(50),
    merged: z.boolean().default(false),
    compare: z.boolean().default(false),
    scale: z.boolean().default(false),
    'scale-small': wholeNumberFlag('scale-small', { min: 1 }).default(10_000),
    'scale-large': wholeNumberFlag('scale-large', { min: 1 }).default(1_000_000),
    persons: wholeNumberFlag('persons').default(0),
    organizations: wholeNumberFlag('organizations').default(0),
    seed: wholeNumberFlag('seed').default(1),
    scenario: z.array(z.string()).default([]),
    samples: wholeNumberFlag('samples').default(20),
    'log-level': z.enum(LOG_LEVELS, { error: `--log-level must be one of ${LOG_LEVELS.join(', ')}` }).default('warn'),
    'write-docs': z.boolean().default(false),
    keep: z.boolean().default(false),
  })
  .transform(({ scenario, 'log-level': logLevel, 'scale-small': scaleSmall, 'scale-large': scaleLarge, 'write-docs': writeDocs, ...rest }) => ({
    ...rest,
    scenarios: scenario,
    logLevel: logLevel as string,
    scaleSmall,
    scaleLarge,
    writeDocs,
  }));
export type Args = z.output<typeof BenchArgs>;
