import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnPostgres, type OwnPostgres } from './support/postgres';
import { freePort, npmRun, processTree, stopProcess, waitUntilReady } from './support/processes';

let pg: OwnPostgres;
const dirs: string[] = [];
beforeAll(async () => {
  pg = await startOwnPostgres();
});
afterAll(async () => {
  await pg?.destroy();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A GraphQL request whose body arrives in two halves `gapMs` apart: `between` runs after the first half, while the
 * request is in flight. Resolves with the status and body the server answered.
 */
function slowRequest(url: string, token: string, query: string, between: () => void, gapMs = 700) {
  const body = JSON.stringify({ query });
  const half = Math.floor(body.length / 2);
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.write(body.slice(0, half));
    setTimeout(between, 100);
    setTimeout(() => req.end(body.slice(half)), gapMs);
  });
}

const variants = [
  {
    name: 'on the embedded database',
    signal: 'SIGTERM' as const,
    group: false,
    env: () => ({ PGLITE_DIR: join(dirs[dirs.push(mkdtempSync(join(tmpdir(), 'hub-stop-'))) - 1]!, 'pglite') }),
  },
  { name: 'on Postgres', signal: 'SIGTERM' as const, group: false, env: () => ({ DATABASE_URL: pg.url }) },
  { name: 'on Postgres, Ctrl-C from a parent', signal: 'SIGINT' as const, group: false, env: () => ({ DATABASE_URL: pg.url }) },
  {
    name: 'on Postgres, Ctrl-C in a terminal (the whole process group)',
    signal: 'SIGINT' as const,
    group: true,
    env: () => ({ DATABASE_URL: pg.url }),
  },
];

describe('stopping npm start', () => {
  it.each(variants)(
    '$signal to the npm process $name ends every process within 10 s, letting a request in flight finish',
    async ({ signal, env, group }) => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const proc = npmRun('start', { ...env(), PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: 'warn' }, 'start', group);
      await waitUntilReady(`${base}/readyz`, [proc]);
      const tree = processTree(proc.child.pid!);
      expect(tree.length).toBeGreaterThanOrEqual(2);
      const res = await fetch(`${base}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"pid":"17857210042"}',
      });
      const { access_token: token } = (await res.json()) as { access_token: string };

      let stopping: Promise<number> | undefined;
      const answer = await slowRequest(`${base}/graphql`, token, '{ me { urn name } }', () => {
        stopping = stopProcess(proc, signal, 10_000, group);
      });
      expect(answer.status).toBe(200);
      expect(answer.body, JSON.stringify(answer.body)).toEqual({
        data: { me: { urn: 'urn:altinn:person:identifier-no:17857210042', name: 'KARI NORDMANN' } },
      });
      const took = await stopping!;
      console.log(`${signal}: every process ended after ${took} ms (${tree.length} processes)`);
      expect(took).toBeLessThan(10_000);
      expect(proc.exit?.code).toBe(0);
      // No new connections once stopping.
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    },
  );
});
