// `npx tsx test/perf/router-load.ts --router new=. --router base=/path/to/other/checkout [options]`
// (`--router rust=.?QUERY_PLANNER=rust` gives that router's process more environment; `--router whole=start:<dir>`
// loads the router inside a whole `npm start` of that checkout instead, its CPU being the whole stack's; options: --query PartyByUrn|MyAccess,
// --rounds, --duration, --warmup, --connections, --tokens, --cpu-prof DIR)
//
// Compares routers on the same subgraphs: one process serves the subgraphs (this checkout's stack, on the
// embedded database or DATABASE_URL), each router runs alone in its own process (`router/src/main.ts` of its
// checkout), and autocannon loads them in turn (A, B, A, B, …) from this process. Every request carries one of
// `--tokens` distinct dev tokens of its router (the gateway merges identical in-flight subgraph requests, so one
// shared token would flatter it). Prints, per router, the medians of its runs: req/s, p50/p99 latency and the
// router's CPU seconds per request (its `process.cpuUsage()`, asked over IPC), and the ratios to the first router.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const HOOK = fileURLToPath(new URL('./cpu-usage-ipc.mjs', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

const QUERIES: Record<string, { body: string; pick: (data: any) => unknown }> = {
  PartyByUrn: {
    body: JSON.stringify({
      query: 'query PartyByUrn($urn: String!) { party(urn: $urn) { id urn type name organizationNumber parent { urn name } subunits { urn name } } }',
      variables: { urn: 'urn:altinn:organization:identifier-no:310000507' },
    }),
    pick: (d) => d.party?.name,
  },
  // Three subgraphs besides parties: roles (rolesHeld), delegations (authorizedParties, delegationsReceived).
  MyAccess: {
    body: JSON.stringify({
      query:
        '{ me { urn rolesHeld { role { code urn } from { urn name } } authorizedParties { urn name type } delegationsReceived { id from { urn } to { urn } resource { id } package { urn } actions validTo } } }',
    }),
    pick: (d) => d.me?.urn,
  },
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

const message = <T>(child: ChildProcess, pick: (m: any) => T | undefined) =>
  new Promise<T>((done, fail) => {
    const onMessage = (m: unknown) => {
      const value = pick(m);
      if (value === undefined) return;
      child.off('message', onMessage);
      done(value);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => fail(new Error(`process ${child.pid} exited (${code})`)));
  });

/** Serve mode: the subgraphs of this checkout (inside a whole stack whose own router stays idle). */
async function serveSubgraphs(): Promise<void> {
  const { startStack } = await import('../../scripts/stack');
  const stack = await startStack({ port: 0, pgliteDir: 'memory://', databaseUrl: process.env.DATABASE_URL || undefined, logLevel: 'warn' });
  process.send!({ urls: stack.subgraphUrls });
  process.once('disconnect', () => void stack.close().then(() => process.exit(0)));
}

interface Router {
  name: string;
  url: string;
  child: ChildProcess;
  tokens: string[];
  cpu(): Promise<number>;
}

async function startRouter(name: string, where: string, urls: Record<string, string>, count: number, profileDir?: string): Promise<Router> {
  const [dir, extraEnv] = where.includes('?') ? [where.slice(0, where.indexOf('?')), where.slice(where.indexOf('?') + 1)] : [where, ''];
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  for (const [subgraph, url] of Object.entries(urls)) env[`SUBGRAPH_${subgraph.toUpperCase()}_URL`] = url;
  Object.assign(env, Object.fromEntries(new URLSearchParams(extraEnv)));
  const execArgv = ['--import', 'tsx', '--import', HOOK, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir, name)}`] : [])];
  const child = fork(resolve(dir, 'router/src/main.ts'), [], { cwd: dir, env, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const tokens: string[] = [];
  for (let attempt = 0; tokens.length < count; attempt++) {
    try {
      const res = await fetch(`${publicUrl}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"pid":"17857210042"}',
      });
      if (res.ok) tokens.push(((await res.json()) as { access_token: string }).access_token);
      else throw new Error(String(res.status));
    } catch (err) {
      if (attempt > 200) throw new Error(`router ${name} did not start: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    name,
    url: `${publicUrl}/graphql`,
    child,
    tokens,
    async cpu() {
      const got = message(child, (m: any) => m?.cpu as NodeJS.CpuUsage | undefined);
      child.send('cpu');
      const { user, system } = await got;
      return (user + system) / 1e6;
    },
  };
}

/** CPU seconds of a process and its children, from /proc (clock ticks of 10 ms). */
function treeCpu(pid: number): number {
  const stat = (p: number) =>
    readFileSync(`/proc/${p}/stat`, 'utf8')
      .slice(readFileSync(`/proc/${p}/stat`, 'utf8').lastIndexOf(')') + 2)
      .split(' ');
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  const own = stat(pid);
  return (Number(own[11]) + Number(own[12])) / 100 + children.reduce((sum, c) => sum + treeCpu(c), 0);
}

/**
 * A whole `npm start` of a checkout (`start=<dir>`) on a fresh embedded database, on free ports: the router
 * inside it is loaded; its CPU is the whole stack's (every process of it), since an in-process router cannot be
 * told apart from its subgraphs.
 */
async function startWholeStack(name: string, dir: string, count: number): Promise<Router> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    PGLITE_DIR: join(mkdtempSync(join(tmpdir(), 'router-load-')), 'pglite'),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: dir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const base = await new Promise<string>((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /graph and playground +(http:\/\/\S+)\/graphql/.exec(out);
      if (m) done(m[1]!.replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => fail(new Error(`${name}: npm start exited (${code}): ${out}`)));
  });
  const tokens: string[] = [];
  while (tokens.length < count) {
    const res = await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"pid":"17857210042"}' });
    tokens.push(((await res.json()) as { access_token: string }).access_token);
  }
  return { name, url: `${base}/graphql`, child, tokens, cpu: async () => treeCpu(child.pid!) };
}

function load(router: Router, body: string, seconds: number, connections: number): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((done, fail) => {
    autocannon(
      {
        url: router.url,
        method: 'POST',
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            body,
            setupRequest: (request: any) => ({
              ...request,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${router.tokens[next++ % router.tokens.length]}` },
            }),
          },
        ],
      },
      (err, result) => (err ? fail(err) : done(result)),
    );
  });
}

async function main(): Promise<void> {
  if (process.argv.includes('--serve-subgraphs')) return serveSubgraphs();
  const { values } = parseArgs({
    options: {
      router: { type: 'string', multiple: true },
      query: { type: 'string', default: 'PartyByUrn' },
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      tokens: { type: 'string', default: '200' },
      'cpu-prof': { type: 'string' },
    },
  });
  const routers = (values.router ?? ['this=.']).map((r) => [r.slice(0, r.indexOf('=')), r.slice(r.indexOf('=') + 1)] as const);
  const query = QUERIES[values.query!];
  if (!query) throw new Error(`--query is one of ${Object.keys(QUERIES).join(', ')}`);
  const [rounds, duration, warmup, connections, tokenCount] = [values.rounds, values.duration, values.warmup, values.connections, values.tokens].map(
    Number,
  ) as [number, number, number, number, number];

  const subgraphs = fork(SELF, ['--serve-subgraphs'], {
    execArgv: ['--import', 'tsx', '--import', HOOK],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const started: Router[] = [];
  try {
    const urls = await message(subgraphs, (m: any) => m?.urls as Record<string, string> | undefined);
    for (const [name, dir] of routers) {
      started.push(
        dir.startsWith('start:')
          ? await startWholeStack(name, dir.slice('start:'.length), tokenCount)
          : await startRouter(name, dir, urls, tokenCount, values['cpu-prof']),
      );
    }

    // Identical answers first: the routers are compared only when they agree.
    const answers = await Promise.all(
      started.map(async (r) => {
        const res = await fetch(r.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${r.tokens[0]}` },
          body: query.body,
        });
        return { status: res.status, text: await res.text() };
      }),
    );
    for (const [i, a] of answers.entries()) {
      const picked = a.status === 200 ? query.pick((JSON.parse(a.text) as { data?: unknown }).data ?? {}) : undefined;
      if (picked === undefined || a.text.includes('"errors"')) throw new Error(`${started[i]!.name}: HTTP ${a.status} ${a.text.slice(0, 300)}`);
      // Whole stacks have databases of their own (other ids): there only the picked value must agree.
      const same = routers.some(([, dir]) => dir.startsWith('start:'))
        ? JSON.stringify(picked) === JSON.stringify(query.pick((JSON.parse(answers[0]!.text) as { data?: unknown }).data ?? {}))
        : a.text === answers[0]!.text;
      if (!same) throw new Error(`${started[i]!.name} answers differently from ${started[0]!.name}`);
    }
    const cpus = os.cpus();
    console.log(
      `${values.query}, c${connections}, ${tokenCount} distinct tokens per router, ${rounds} rounds of ${duration} s (after ${warmup} s warm-up each), routers interleaved`,
    );
    console.log(
      `machine: ${cpus.length} × ${cpus[0]?.model.trim()}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (const r of started) if (warmup > 0) await load(r, query.body, warmup, connections);

    const runs = new Map<string, { rps: number; p50: number; p99: number; cpuPerRequest: number; bad: number }[]>();
    for (let round = 1; round <= rounds; round++) {
      for (const r of started) {
        const before = await r.cpu();
        const result = await load(r, query.body, duration, connections);
        const cpu = (await r.cpu()) - before;
        const requests = result['2xx'] + result.non2xx;
        const run = {
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          cpuPerRequest: cpu / requests,
          bad: result.non2xx + result.errors,
        };
        runs.set(r.name, [...(runs.get(r.name) ?? []), run]);
        console.log(
          `  round ${round} ${r.name.padEnd(8)} ${run.rps.toFixed(0).padStart(6)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  router CPU ${(run.cpuPerRequest * 1e6).toFixed(0)} µs/request  non-2xx+errors ${run.bad}`,
        );
      }
    }
    console.log('\nmedians                req/s   p50 ms   p99 ms   router CPU µs/req   ratios to the first (req/s, p50, CPU/req)');
    const first = runs.get(started[0]!.name)!;
    for (const r of started) {
      const rs = runs.get(r.name)!;
      const m = (k: 'rps' | 'p50' | 'p99' | 'cpuPerRequest') => median(rs.map((x) => x[k]));
      const f = (k: 'rps' | 'p50' | 'p99' | 'cpuPerRequest') => median(first.map((x) => x[k]));
      console.log(
        `  ${r.name.padEnd(18)} ${m('rps').toFixed(0).padStart(7)} ${m('p50').toFixed(0).padStart(8)} ${m('p99').toFixed(0).padStart(8)} ${(m('cpuPerRequest') * 1e6).toFixed(0).padStart(18)}   ${(m('rps') / f('rps')).toFixed(2)}× ${(m('p50') / f('p50')).toFixed(2)}× ${(m('cpuPerRequest') / f('cpuPerRequest')).toFixed(2)}×`,
      );
    }
  } finally {
    for (const r of started) {
      if (r.child.spawnargs.includes('scripts/start.ts')) process.kill(-r.child.pid!, 'SIGINT');
      else r.child.kill('SIGTERM');
    }
    await Promise.all(started.map((r) => new Promise((done) => (r.child.exitCode !== null ? done(null) : r.child.once('exit', done)))));
    subgraphs.disconnect();
  }
}

await main();
