import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';

/**
 * The command-line helper every CLI of the hub uses (`npm run seed`, `migrate`, `logs:verify`, `keys:rotate`,
 * `licences`, `compose`, `bench`): node:util parseArgs for the flags, zod for their values, `-h/--help`, and the exit
 * code. Depends on nothing of the hub, so any workspace can import it (`@hub/db/cli`) without a cycle.
 */

/** A wrong command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export type CliFlags = NonNullable<ParseArgsConfig['options']>;

export interface CliDefinition<Schema extends z.ZodType> {
  /** Prefixes error lines (`seed: …`). */
  name: string;
  /** Printed by --help, and after a usage error. */
  usage: string;
  /** The flags besides -h/--help (node:util parseArgs options). */
  flags?: CliFlags;
  /** Checks and converts the parsed flags (and `positionals`, when allowed); its messages are the usage errors. */
  args: Schema;
  allowPositionals?: boolean;
  /** The work; its number (default 0) is the exit code. */
  run: (args: z.output<Schema>) => Promise<number | void> | number | void;
  /** Exit code when run throws (default 1). */
  failureCode?: number;
}

export interface Cli<Schema extends z.ZodType> {
  /** The arguments, `'help'` for -h/--help; throws UsageError. */
  parse(argv: string[]): z.output<Schema> | 'help';
  /** Parses and runs; answers the exit code (0 ok, 2 usage, failureCode when run throws) and never throws. */
  main(argv: string[]): Promise<number>;
}

/** A whole-number flag value (`--persons 10`) between min and max, as a number. */
export const wholeNumberFlag = (flag: string, { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) =>
  z
    .string()
    .regex(/^\d+$/, { error: (issue) => `--${flag} must be a whole number ≥ ${min}, not ${JSON.stringify(issue.input)}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: (issue) => `--${flag} must be a whole number ≥ ${min}, not ${JSON.stringify(issue.input)}` })
        .max(max, `--${flag} must be at most ${max.toLocaleString('en')}`),
    );

/** An error and its causes (drivers wrap the one that matters), one per line. */
export function describeError(error: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = error; e !== undefined && lines.length < 5; e = e instanceof Error ? e.cause : undefined) {
    lines.push(e instanceof Error ? e.message || e.name : String(e));
  }
  return lines.join('\n  caused by: ');
}

export function defineCli<Schema extends z.ZodType>(definition: CliDefinition<Schema>): Cli<Schema> {
  const parse = (argv: string[]): z.output<Schema> | 'help' => {
    let parsed: { values: Record<string, unknown>; positionals: string[] };
    try {
      parsed = parseArgs({
        args: argv,
        options: { ...definition.flags, help: { type: 'boolean', short: 'h' } },
        strict: true,
        allowPositionals: definition.allowPositionals ?? false,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { help, ...values } = parsed.values;
    if (help) return 'help';
    const input = definition.allowPositionals ? { ...values, positionals: parsed.positionals } : values;
    const result = definition.args.safeParse(input);
    if (!result.success) throw new UsageError(result.error.issues.map((i) => i.message).join('; '));
    return result.data;
  };
  const main = async (argv: string[]): Promise<number> => {
    let args: z.output<Schema> | 'help';
    try {
      args = parse(argv);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      console.error(`${definition.name}: ${error.message}\n\n${definition.usage}`);
      return 2;
    }
    if (args === 'help') {
      console.log(definition.usage);
      return 0;
    }
    try {
      return (await definition.run(args)) ?? 0;
    } catch (error) {
      console.error(`${definition.name} failed: ${describeError(error)}`);
      if (process.env.DEBUG && error instanceof Error) console.error(error.stack);
      return definition.failureCode ?? 1;
    }
  };
  return { parse, main };
}

/** True when the module at `moduleUrl` (its `import.meta.url`) is the script node (or tsx) was started with. */
export function isMainModule(moduleUrl: string, argv1: string | undefined = process.argv[1]): boolean {
  if (!argv1) return false;
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  return real(resolve(argv1)) === real(fileURLToPath(moduleUrl));
}

/**
 * Runs the CLI when its module is the one executed (not when a test imports it), with process.argv, and sets the exit
 * code. `exit: true` ends the process at once (a stray keep-alive socket must not keep it running).
 */
export function runWhenMain(moduleUrl: string, cli: Cli<z.ZodType>, { exit = false }: { exit?: boolean } = {}): void {
  if (!isMainModule(moduleUrl)) return;
  void cli.main(process.argv.slice(2)).then((code) => {
    if (exit) process.exit(code);
    process.exitCode = code;
  });
}
