import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineCli, isMainModule, UsageError, wholeNumberFlag } from './cli';

const ran: unknown[] = [];
const cli = defineCli({
  name: 'demo',
  usage: 'Usage: demo [--count N] [--dry]',
  flags: { count: { type: 'string' }, dry: { type: 'boolean' } },
  args: z.object({ count: wholeNumberFlag('count', { min: 1, max: 10 }).default(3), dry: z.boolean().default(false) }),
  run(args) {
    ran.push(args);
    if (args.count === 9) throw new Error('outer', { cause: new Error('ECONNREFUSED') });
    return args.dry ? 0 : 5;
  },
});

afterEach(() => {
  ran.length = 0;
  vi.restoreAllMocks();
});

describe('defineCli', () => {
  it('parses and converts flags, with defaults', () => {
    expect(cli.parse([])).toEqual({ count: 3, dry: false });
    expect(cli.parse(['--count', '7', '--dry'])).toEqual({ count: 7, dry: true });
    expect(cli.parse(['-h'])).toBe('help');
  });

  it('refuses unknown flags and bad values as usage errors naming the flag', () => {
    expect(() => cli.parse(['--nope'])).toThrow(UsageError);
    expect(() => cli.parse(['--count', 'x'])).toThrow(/--count must be a whole number ≥ 1, not "x"/);
    expect(() => cli.parse(['--count', '0'])).toThrow(/--count must be a whole number ≥ 1/);
    expect(() => cli.parse(['--count', '11'])).toThrow(/--count must be at most 10/);
  });

  it('answers the exit code: 0 for --help, 2 with the usage for a usage error, the run’s own, 1 on a failure', async () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await cli.main(['--help'])).toBe(0);
    expect(out).toHaveBeenCalledWith('Usage: demo [--count N] [--dry]');
    expect(await cli.main(['--count', 'x'])).toBe(2);
    expect(err.mock.calls[0]![0]).toMatch(/^demo: --count must be .*\n\nUsage: demo/s);
    expect(ran).toEqual([]);
    expect(await cli.main(['--count', '4'])).toBe(5);
    expect(await cli.main(['--dry'])).toBe(0);
    expect(await cli.main(['--count', '9'])).toBe(1);
    expect(err.mock.calls.at(-1)![0]).toBe('demo failed: outer\n  caused by: ECONNREFUSED');
  });
});

describe('isMainModule', () => {
  it('is true only for the script the process was started with', () => {
    const self = import.meta.url;
    expect(isMainModule(self, fileURLToPath(self))).toBe(true);
    expect(isMainModule(self, '/somewhere/else.ts')).toBe(false);
    expect(isMainModule(self, undefined)).toBe(false);
  });
});
