import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'hub-start-'));

/** The processes whose parent is `pid`, with their command lines. */
const childrenOf = (pid: number) =>
  execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean);

let start: ChildProcess | undefined;
afterAll(() => {
  if (start?.exitCode === null) process.kill(-start.pid!, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('runs the router in a process of its own, answers a query, and stops everything on Ctrl-C', async () => {
    // What `npm start` runs, in a process group of its own so that a Ctrl-C can be sent to the group as a terminal does.
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PGLITE_DIR: join(dataDir, 'pglite'), LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    start = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const base = await new Promise<string>((resolve, reject) => {
      start!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /graph and playground +(http:\/\/\S+)\/graphql/.exec(out);
        if (m) resolve(m[1]!);
      });
      start!.once('exit', (code) => reject(new Error(`npm start exited (${code}): ${out}`)));
    });

    const router = childrenOf(start.pid!).filter((line) => line.includes('router-process.ts'));
    expect(router).toHaveLength(1);
    const routerPid = Number(router[0]!.trim().split(/\s+/)[0]);
    expect(routerPid).not.toBe(start.pid);

    const { access_token: token } = (await (
      await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"pid":"17857210042"}' })
    ).json()) as { access_token: string };
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { urn name } }' }),
    });
    expect(await res.json()).toEqual({ data: { me: { urn: 'urn:altinn:person:identifier-no:17857210042', name: 'KARI NORDMANN' } } });

    const exited = new Promise<number | null>((resolve) => start!.once('exit', (code) => resolve(code)));
    process.kill(-start.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    // The router process is gone too, and nobody answers any more.
    expect(() => process.kill(routerPid, 0)).toThrow();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  }, 60_000);
});
