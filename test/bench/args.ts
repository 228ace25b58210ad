import { parseArgs } from 'node:util';
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

export interface Args {
  duration: number;
  warmup: number;
  connections: number;
  persons: number;
  organizations: number;
  seed: number;
  scenarios: string[];
  logLevel: string;
  keep: boolean;
}

export class UsageError extends Error {}

export function parseCommandLine(argv: string[]): Args | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        persons: { type: 'string' },
        organizations: { type: 'string' },
        seed: { type: 'string' },
        scenario: { type: 'string', multiple: true },
        'log-level': { type: 'string' },
        keep: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const whole = (flag: string, value: string | undefined, fallback: number, min: number) => {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${flag} must be a whole number ≥ ${min}, not ${JSON.stringify(value)}`);
    return Number(value);
  };
  const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];
  const logLevel = values['log-level'] ?? 'warn';
  if (!logLevels.includes(logLevel)) throw new UsageError(`--log-level must be one of ${logLevels.join(', ')}`);
  return {
    duration: whole('duration', values.duration, 10, 1),
    warmup: whole('warmup', values.warmup, 2, 0),
    connections: whole('connections', values.connections, 20, 1),
    persons: whole('persons', values.persons, 0, 0),
    organizations: whole('organizations', values.organizations, 0, 0),
    seed: whole('seed', values.seed, 1, 0),
    scenarios: values.scenario ?? [],
    logLevel,
    keep: values.keep ?? false,
  };
}

