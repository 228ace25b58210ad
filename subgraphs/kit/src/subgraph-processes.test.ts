import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSubgraphEnv } from './config';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('SUBGRAPH_PROCESSES', () => {
  it('defaults to one process and takes a whole number from 1 to 64', () => {
    expect(parseSubgraphEnv({}).SUBGRAPH_PROCESSES).toBe(1);
    expect(parseSubgraphEnv({ SUBGRAPH_PROCESSES: '4' }).SUBGRAPH_PROCESSES).toBe(4);
    expect(() => parseSubgraphEnv({ SUBGRAPH_PROCESSES: '0' })).toThrow(/SUBGRAPH_PROCESSES/);
    expect(() => parseSubgraphEnv({ SUBGRAPH_PROCESSES: 'two' })).toThrow(/SUBGRAPH_PROCESSES/);
  });

  it('stops a subgraph asked for several processes on the embedded database, naming why', async () => {
    const { DATABASE_URL: _postgres, ...inherited } = process.env;
    const env = { ...inherited, SUBGRAPH_PROCESSES: '2', PORT: '0', PGLITE_DIR: 'memory://' };
    const failure = await run(process.execPath, ['--import', 'tsx', 'subgraphs/delegations/src/main.ts'], { cwd: root, env, timeout: 30_000 }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('SUBGRAPH_PROCESSES above 1 needs DATABASE_URL');
  }, 40_000);
});
