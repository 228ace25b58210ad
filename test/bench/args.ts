import { type CliFlags, wholeNumberFlag } from '@hub/db/cli';
import { z } from 'zod';
import { DATABASE_NAME, DEFAULT_ADMIN_URL } from './database';

export const USAGE = `Usage: npm run bench -- [options]

Benchmarks the hub: a fresh Postgres database "${DATABASE_NAME}" (dropped afterwards), the whole stack on free
ports, then every scenario with autocannon after a warm-up.

  --duration S        seconds per scenario (default 10)
  --warmup S          warm-up seconds before each scenario, not measured (default 2)
  --connections C     concurrent connections (default 20)
  --persons N         synthetic persons to seed besides the story (default 0)
  --organizations M   synthetic organisations to seed besides the story (default 0)
  --seed S            seed of the synthetic data (default 1)
  --scenario TEXT     run only scenarios whose name contains TEXT (repeatable)
  --log-level L       stack log level (default warn)
  --keep              keep the database afterwards
  -h, --help          this text

DATABASE_URL (default ${DEFAULT_ADMIN_URL}) is the admin connection used to create and drop "${DATABASE_NAME}".`;

// ------------------------------------------------------------------------------------------- arguments

export const BENCH_FLAGS = {
  duration: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  persons: { type: 'string' },
  organizations: { type: 'string' },
  seed: { type: 'string' },
  scenario: { type: 'string', multiple: true },
  'log-level': { type: 'string' },
  keep: { type: 'boolean' },
} satisfies CliFlags;

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export const BenchArgs = z
  .object({
    duration: wholeNumberFlag('duration', { min: 1 }).default(10),
    warmup: wholeNumberFlag('warmup').default(2),
    connections: wholeNumberFlag('connections', { min: 1 }).default(20),
    persons: wholeNumberFlag('persons').default(0),
    organizations: wholeNumberFlag('organizations').default(0),
    seed: wholeNumberFlag('seed').default(1),
    scenario: z.array(z.string()).default([]),
    'log-level': z.enum(LOG_LEVELS, { error: `--log-level must be one of ${LOG_LEVELS.join(', ')}` }).default('warn'),
    keep: z.boolean().default(false),
  })
  .transform(({ scenario, 'log-level': logLevel, ...rest }) => ({ ...rest, scenarios: scenario, logLevel: logLevel as string }));
export type Args = z.output<typeof BenchArgs>;
