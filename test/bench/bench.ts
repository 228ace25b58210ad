// `npm run bench [-- options]` (see ./args.ts): issue 14's table, measured honestly. A database of the run's own;
// the stack as `npm start` runs it, each subgraph and the router alone as separate processes (and Apollo Gateway
// with --compare), so that each one's CPU is measured apart; per-connection tokens or bodies; the targets of each
// row interleaved over rounds and reported as medians; every response checked. autocannon runs in a worker thread.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { JSONWebKeySet } from 'jose';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDatabase, seedSynthetic, type Database } from '@hub/db';
import { defineCli, runWhenMain } from '@hub/db/cli';
import { DEV_ROUTER_SECRET, SIGNATURE_HEADER, signBody, SUBGRAPHS } from '@hub/kit';
import { BENCH_FLAGS, BenchArgs, USAGE, type Args } from './args';
import { createRunDatabase, databaseUrl, DEFAULT_ADMIN_URL, describeUrl, dropRunDatabase, rowCounts, runDatabaseName } from './database';
import { goalRows, medianFigures, type Figures, type Measured } from './goals';
import { startBenchIssuer, type BenchIssuer } from './issuer';
import { benchOfflineVerification } from './offline-verify';
import { freePort } from '../support/ports';
import { backendPids, cpuOfProcesses, startCommand, startNode, waitForLine, waitForOk, type Child } from './processes';
import { fmt, log, table } from './report';
import {
  SCENARIOS,
  TARGET_LABELS,
  type BenchContext,
  type Scenario,
  type GraphQLResponse,
  type Load,
  type ScenarioKey,
  type TargetName,
  type Variant,
} from './scenarios';
import { startStatementCounter } from './sql-count';
import { cpuDelta, interleave } from './stats';

const SETUP_CLIENT_HOOK = fileURLToPath(new URL('./hooks/setup-client.cjs', import.meta.url));
const VERIFY_BODY_HOOK = fileURLToPath(new URL('./hooks/verify-body.cjs', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));

/** Concurrencies of single Authorize besides c1 and c50. */
const SWEEP = [2, 4, 8, 16];

/** One row of the issue's table: a scenario on its targets, at a concurrency. */
interface Row {
  key: string;
  scenario: ScenarioKey;
  targets: TargetName[];
  connections: (args: Args) => number;
}

const ROWS: Row[] = [
  { key: 'partyByUrn', scenario: 'partyByUrn', targets: ['stack', 'parties', 'router', 'apollo'], connections: (a) => a.connections },
  { key: 'meThree', scenario: 'meThree', targets: ['router', 'apollo'], connections: (a) => a.connections },
  { key: 'authorize100', scenario: 'authorize100', targets: ['stack'], connections: (a) => a.connections },
  { key: 'authorize1', scenario: 'authorize1', targets: ['stack'], connections: (a) => a.connections },
  { key: 'authorize1c1', scenario: 'authorize1', targets: ['stack'], connections: () => 1 },
  // The load where a single Authorize's throughput peaks (its p99 there is the goal): a sweep of concurrencies.
  ...SWEEP.map((n): Row => ({ key: `authorize1c${n}`, scenario: 'authorize1', targets: ['stack'], connections: () => n })),
  { key: 'consentTokens', scenario: 'issueConsentToken', targets: ['stack'], connections: (a) => a.connections },
];

/** Printed output, kept for --write-docs. */
const printed: string[] = [];
const out = (line = '') => {
  console.log(line);
  printed.push(line);
};

let stopCurrent: (() => void) | undefined;
let interrupted = false;
class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}
const checkInterrupted = () => {
  if (interrupted) throw new Interrupted();
};

// ---------------------------------------------------------------------------------------------- load

let variantsFile = '';

function fire(load: Load, variants: Variant[], duration: number, connections: number): Promise<autocannon.Result> {
  // The hooks read the variants from this file in autocannon's worker (it copies the environment when it starts).
  writeFileSync(variantsFile, JSON.stringify({ variants, signWith: load.signWith, expect: load.expect }));
  process.env.HUB_BENCH_VARIANTS = variantsFile;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: load.url, method: 'POST', connections, duration, workers: 1, setupClient: SETUP_CLIENT_HOOK, verifyBody: VERIFY_BODY_HOOK },
      (error, result) => {
        stopCurrent = undefined;
        if (error) reject(error);
        else resolve(result);
      },
    );
    stopCurrent = () => {
      instance.stop();
      reject(new Interrupted());
    };
  });
}

/**
 * One connection, one request after another, for `duration` seconds: timed to the microsecond (autocannon's
 * histogram counts whole milliseconds, too coarse for a 2 ms goal) and every answer checked in full.
 */
async function fireOne(load: Load, variant: Variant, duration: number): Promise<autocannon.Result> {
  const latencies: number[] = [];
  let non2xx = 0;
  let mismatches = 0;
  let errors = 0;
  const statusCodeStats: Record<string, { count: number }> = {};
  const end = performance.now() + duration * 1000;
  while (performance.now() < end) {
    checkInterrupted();
    const t = performance.now();
    try {
      const { status, body } = await send(load.url, variant, load.signWith);
      latencies.push(performance.now() - t);
      (statusCodeStats[status] ??= { count: 0 }).count++;
      if (status < 200 || status > 299) non2xx++;
      else if (await load.check(status, body)) mismatches++;
    } catch {
      errors++;
    }
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? Number.NaN;
  const histogram = { average: 0, mean: 0, stddev: 0, min: 0, max: 0, total: 0, p50: at(0.5), p90: at(0.9), p97_5: at(0.975), p99: at(0.99) };
  return {
    duration,
    errors,
    timeouts: 0,
    mismatches,
    non2xx,
    resets: 0,
    '2xx': latencies.length - non2xx,
    statusCodeStats,
    latency: { ...histogram, totalCount: latencies.length },
    requests: { ...histogram, average: latencies.length / duration, sent: latencies.length },
    throughput: histogram,
  };
}

async function send(url: string, variant: Variant, signWith?: string): Promise<{ status: number; body: GraphQLResponse; text: string }> {
  const headers = signWith ? { ...variant.headers, [SIGNATURE_HEADER]: signBody(signWith, variant.body) } : variant.headers;
  const res = await fetch(url, { method: 'POST', headers, body: variant.body });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as GraphQLResponse, text };
  } catch {
    return { status: res.status, body: { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] }, text };
  }
}

// ---------------------------------------------------------------------------------------------- processes

interface Processes {
  stack: Child;
  subgraphs: Child[];
  router: Child;
  apollo?: Child;
  admin: postgres.Sql;
  databaseName: string;
}

/** CPU seconds so far of every measured process, by name (Postgres: the run database's backends together). */
async function cpuReading(p: Processes, backends: Set<number>): Promise<Map<string, Map<number, number>>> {
  for (const pid of await backendPids(p.admin, p.databaseName)) backends.add(pid);
  const reading = new Map<string, Map<number, number>>([
    ['npm start', cpuOfProcesses([p.stack.pid])],
    ['router', cpuOfProcesses([p.router.pid])],
    ...p.subgraphs.map((s) => [s.name, cpuOfProcesses([s.pid])] as [string, Map<number, number>]),
    ['postgres', cpuOfProcesses([...backends], false)],
  ]);
  if (p.apollo) reading.set('apollo', cpuOfProcesses([p.apollo.pid]));
  return reading;
}

// ---------------------------------------------------------------------------------------------- a row

async function runRow(row: Row, ctx: BenchContext, p: Processes, args: Args): Promise<Partial<Record<TargetName, Figures>>> {
  const scenario: Scenario = SCENARIOS[row.scenario];
  const connections = row.connections(args);
  const targets = row.targets.filter((t) => ctx.urls[t]);
  out(`${row.key}: ${scenario.name}, c${connections} — ${scenario.description}`);
  const loads = new Map<TargetName, Load>();
  for (const t of targets) loads.set(t, await scenario.prepare(ctx, t, connections));

  // The router and Apollo Gateway must give the same answer to the same request before either is measured.
  const router = loads.get('router');
  const apollo = loads.get('apollo');
  if (router && apollo) await sameAnswers(row.key, router, apollo);

  const entries = targets.flatMap((t) => [{ target: t, merged: false }, ...(args.merged ? [{ target: t, merged: true }] : [])]);
  const label = (e: { target: TargetName; merged: boolean }) => `${TARGET_LABELS[e.target]}${e.merged ? ' (shared token)' : ''}`;
  const variantsOf = (e: { target: TargetName; merged: boolean }) =>
    e.merged ? loads.get(e.target)!.variants.slice(0, 1) : loads.get(e.target)!.variants;
  for (const e of entries) {
    checkInterrupted();
    if (args.warmup > 0) await fire(loads.get(e.target)!, variantsOf(e), args.warmup, connections);
  }

  const results = new Map<string, { figures: Figures[]; failures: string[] }>(entries.map((e) => [label(e), { figures: [], failures: [] }]));
  const backends = new Set<number>();
  for (const { round, target: e } of interleave(entries, args.rounds)) {
    checkInterrupted();
    log(`  round ${round + 1}/${args.rounds}: ${label(e)} …`);
    const before = await cpuReading(p, backends);
    const r =
      connections === 1
        ? await fireOne(loads.get(e.target)!, variantsOf(e)[0]!, args.duration)
        : await fire(loads.get(e.target)!, variantsOf(e), args.duration, connections);
    const after = await cpuReading(p, backends);
    const done = Math.max(1, r.latency.totalCount);
    const cpuPerRequest = Object.fromEntries([...after].map(([name, reading]) => [name, cpuDelta(before.get(name)!, reading) / done]));
    const slot = results.get(label(e))!;
    slot.figures.push({ reqPerSec: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuPerRequest });
    if (r.non2xx)
      slot.failures.push(
        `${fmt(r.non2xx)} non-2xx (${Object.entries(r.statusCodeStats)
          .map(([c, s]) => `${c}: ${s.count}`)
          .join(', ')})`,
      );
    if (r.errors) slot.failures.push(`${fmt(r.errors)} socket errors (${fmt(r.timeouts)} timeouts)`);
    if (r.mismatches) slot.failures.push(`${fmt(r.mismatches)} responses with errors or with other data than expected`);
  }

  // A sample checked one by one after the load, spread over the connections' variants (a consent token verified).
  const samples = new Map<string, string>();
  for (const e of entries) {
    const load = loads.get(e.target)!;
    const variants = variantsOf(e);
    let wrong = 0;
    let first = '';
    for (let i = 0; i < args.samples; i++) {
      const { status, body } = await send(load.url, variants[i % variants.length]!, load.signWith);
      const problem = await load.check(status, body);
      if (problem) {
        wrong++;
        first ||= problem;
      }
    }
    samples.set(label(e), wrong ? `BAD ${args.samples - wrong}/${args.samples}: ${first}` : `ok ${args.samples}/${args.samples}`);
    if (wrong) results.get(label(e))!.failures.push(`sample: ${wrong}/${args.samples} wrong (${first})`);
  }

  const medians = new Map([...results].map(([l, r]) => [l, medianFigures(r.figures)]));
  const units = scenario.unitsPerRequest;
  out(
    table(
      ['target', 'req/s', ...(units ? ['units/s'] : []), 'p50 ms', 'p99 ms', 'req/s per round', 'checked'],
      [...medians].map(([l, f]) => [
        l,
        fmt(f.reqPerSec),
        ...(units ? [fmt(f.reqPerSec * units)] : []),
        fmt(f.p50, 1),
        fmt(f.p99, 1),
        results
          .get(l)!
          .figures.map((x) => fmt(x.reqPerSec))
          .join(' '),
        results.get(l)!.failures.length ? 'FAILED' : samples.get(l)!,
      ]),
    ),
  );
  const processes = [...new Set([...medians.values()].flatMap((f) => Object.keys(f.cpuPerRequest)))];
  const shown = processes.filter((name) => [...medians.values()].some((f) => (f.cpuPerRequest[name] ?? 0) * 1000 >= 0.005));
  out(
    table(
      ['CPU ms per request', ...shown, 'total'],
      [...medians].map(([l, f]) => [
        l,
        ...shown.map((n) => fmt((f.cpuPerRequest[n] ?? 0) * 1000, 2)),
        fmt(shown.reduce((s, n) => s + (f.cpuPerRequest[n] ?? 0), 0) * 1000, 2),
      ]),
    ),
  );
  for (const [l, r] of results) for (const failure of new Set(r.failures)) out(`  FAILED ${l}: ${failure}`);
  out();
  failures += [...results.values()].filter((r) => r.failures.length).length;

  const byTarget: Partial<Record<TargetName, Figures>> = {};
  for (const e of entries) if (!e.merged) byTarget[e.target] = medians.get(label(e))!;
  return byTarget;
}

let failures = 0;

/** Throws unless the router and Apollo Gateway answer the first requests of a load with identical JSON. */
async function sameAnswers(what: string, router: Load, apollo: Load): Promise<void> {
  const n = Math.min(5, router.variants.length);
  for (const [i, variant] of router.variants.slice(0, n).entries()) {
    const [a, b] = await Promise.all([send(router.url, variant), send(apollo.url, variant)]);
    if (JSON.stringify(a.body) !== JSON.stringify(b.body)) {
      throw new Error(
        `${what}: router and Apollo Gateway differ on request ${i}:\n  router ${a.text.slice(0, 400)}\n  apollo ${b.text.slice(0, 400)}`,
      );
    }
  }
  log(`  ${what}: router and Apollo Gateway give identical JSON (${n} requests)`);
}

/** With --compare, the rows Apollo Gateway is not measured on are still asked of it: the same answers, or no run. */
async function compareOtherScenarios(ctx: BenchContext): Promise<void> {
  for (const key of ['authorize100', 'authorize1'] as const) {
    await sameAnswers(key, await SCENARIOS[key].prepare(ctx, 'router', 3), await SCENARIOS[key].prepare(ctx, 'apollo', 3));
  }
}

// ---------------------------------------------------------------------------------------------- other figures

/**
 * SQL statements per Authorize of 100 and of 1: every subgraph and a router of their own, their database
 * connections through a proxy that counts statements at the wire (mean of 20 calls after 3 that warm the caches).
 */
async function countStatements(ctx: BenchContext, dbUrl: string, env: NodeJS.ProcessEnv): Promise<{ authorize100: number; authorize1: number }> {
  const pg = new URL(dbUrl);
  const counter = await startStatementCounter({ host: pg.hostname, port: Number(pg.port || 5432) });
  const proxied = new URL(dbUrl);
  proxied.host = `127.0.0.1:${counter.port}`;
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await freePort()] as const)));
  const routerPort = await freePort();
  const urls = Object.fromEntries(SUBGRAPHS.map((s) => [`SUBGRAPH_${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[s.name]}/graphql`]));
  const children = SUBGRAPHS.map((s) =>
    startNode(`${s.name} (counted)`, `subgraphs/${s.name}/src/main.ts`, {
      ...env,
      ...urls,
      DATABASE_URL: proxied.toString(),
      PORT: String(ports[s.name]),
    }),
  );
  try {
    await Promise.all(children.map((c, i) => waitForOk(c, `http://127.0.0.1:${ports[SUBGRAPHS[i]!.name]}/readyz`)));
    const router = startNode('router (counted)', 'router/src/main.ts', { ...env, ...urls, PORT: String(routerPort) });
    children.push(router);
    await waitForOk(router, `http://127.0.0.1:${routerPort}/readyz`);
    const per = async (key: 'authorize100' | 'authorize1') => {
      const load = await SCENARIOS[key].prepare({ ...ctx, urls: { ...ctx.urls, router: `http://127.0.0.1:${routerPort}/graphql` } }, 'router', 1);
      for (let i = 0; i < 3; i++) await send(load.url, load.variants[0]!); // caches warm
      const before = counter.count();
      const n = 20;
      for (let i = 0; i < n; i++) {
        const { status, body } = await send(load.url, load.variants[0]!);
        const problem = await load.check(status, body);
        if (problem) throw new Error(`${key} while counting statements: ${problem}`);
      }
      return (counter.count() - before) / n;
    };
    return { authorize100: await per('authorize100'), authorize1: await per('authorize1') };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await counter.close();
  }
}

/** Issues one consent token, then times verifying it offline against the JWKS, as a data source would. */
async function reportOfflineVerification(ctx: BenchContext, seconds: number): Promise<void> {
  const load = await SCENARIOS.issueConsentToken.prepare(ctx, 'stack', 1);
  const { body } = await send(load.url, load.variants[0]!);
  const token = body.data?.issueConsentToken?.accessToken as string;
  const base = ctx.routerPublicUrl.replace('//localhost', '//127.0.0.1');
  const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  const figures = await benchOfflineVerification({
    token,
    jwks,
    issuer: ctx.routerPublicUrl,
    audience: 'urn:altinn:organization:identifier-no:310000701',
    seconds,
  });
  out('Offline consent-token verification (one thread, JWKS fetched once, ES256 + iss/aud/exp checks)');
  out(
    table(
      ['library', 'verifications/s', 'p50 µs', 'p99 µs', 'verifications'],
      figures.map((f) => [f.library, fmt(f.perSecond), fmt(f.p50Micros), fmt(f.p99Micros), fmt(f.verifications)]),
    ),
  );
  out();
}

/**
 * `npm start` on the embedded database in `dir`, until /readyz answers 200: seconds. The first time `dir` is missing:
 * the database starts from the template `npm install` built, as a user's first start does.
 */
async function startupSeconds(dir: string): Promise<number> {
  const started = performance.now();
  const child = startCommand('npm start', 'npm', ['start'], { PGLITE_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' }, ['DATABASE_URL']);
  try {
    const base = await waitForLine(child, /graph and playground\s+(\S+)\/graphql/);
    await waitForOk(child, `${base.replace('//localhost', '//127.0.0.1')}/readyz`);
    return (performance.now() - started) / 1000;
  } finally {
    await child.stop();
  }
}

async function analyze(database: Database) {
  await database.db.execute(sql`analyze`);
}

async function seed(database: Database, persons: number, organizations: number, seedNo: number): Promise<void> {
  const t = performance.now();
  let lastPercent = -10;
  const seeded = await seedSynthetic(database, { persons, organizations, seed: seedNo }, (done, total) => {
    const percent = total ? Math.floor((done / total) * 100) : 100;
    if (percent >= lastPercent + 10 || done === total) {
      lastPercent = percent;
      log(`  synthetic data ${percent}% (${fmt(done)}/${fmt(total)} rows)`);
    }
  });
  await analyze(database);
  const g = seeded.generated;
  log(
    `Seeded ${fmt(g.persons)} persons, ${fmt(g.organizations)} organisations, ${fmt(g.roleAssignments)} role assignments, ANALYZE, in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}

// ---------------------------------------------------------------------------------------------- main

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `machine   ${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ${os.platform()} ${os.release()} ${os.arch()}`,
    `node      ${process.version}; load generator: autocannon, 1 worker thread of the benchmark process`,
  ];
}
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

async function bench(args: Args): Promise<number> {
  const wanted = (key: string) => !args.scenarios.length || args.scenarios.some((s) => key.toLowerCase().includes(s.toLowerCase()));
  const rows = ROWS.filter((r) => wanted(r.key));
  const needsDatabase = rows.length > 0 || wanted('sqlStatements');
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const name = runDatabaseName();
  const dbUrl = databaseUrl(adminUrl, name);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-'));
  variantsFile = path.join(tmp, 'variants.json');
  const children: Child[] = [];
  let created = false;
  let database: Database | undefined;
  let issuer: BenchIssuer | undefined;
  let admin: postgres.Sql | undefined;
  let code = 1;
  const started = performance.now();
  const measured: Measured = { rows: {}, connections: args.connections };
  try {
    out('Hub benchmark');
    for (const line of machine()) out(`  ${line}`);
    out(`  load avg  ${loadAverage()} (1 / 5 / 15 min) before the run`);
    out(`  command   ${command}`);
    out(
      `  runs      ${args.rounds} interleaved rounds × ${args.duration} s per target after ${args.warmup} s warm-up; medians; c${args.connections}; ${args.merged ? 'distinct and shared tokens' : 'a token or body of its own per connection'}`,
    );

    // First, on a machine the benchmark's own seeding and loads have not yet heated up.
    if (wanted('startup')) {
      const dir = path.join(tmp, 'pglite');
      const empty = await startupSeconds(dir);
      const existing = await startupSeconds(dir);
      measured.startup = { empty, existing };
      out(
        `startup (measured first, before the loads): npm start to /readyz 200 on the embedded database: ${fmt(empty, 1)} s empty, ${fmt(existing, 1)} s existing`,
      );
    }

    if (needsDatabase) {
      log(`Creating database ${describeUrl(dbUrl)} …`);
      await createRunDatabase(adminUrl, name);
      created = true;
      issuer = await startBenchIssuer();
      const env: NodeJS.ProcessEnv = {
        DATABASE_URL: dbUrl,
        LOG_LEVEL: args.logLevel,
        HOST: '127.0.0.1',
        JWT_ISSUERS: JSON.stringify(issuer.trusted),
        ROUTER_SIGNING_SECRET: DEV_ROUTER_SECRET,
      };

      // The stack as `npm start` runs it (migrates and seeds the story), on a free port.
      let t = performance.now();
      const stack = startNode('npm start', 'scripts/start.ts', { ...env, PORT: '0' });
      children.push(stack);
      const stackBase = (await waitForLine(stack, /graph and playground\s+(\S+)\/graphql/)).replace('//localhost', '//127.0.0.1');
      await waitForOk(stack, `${stackBase}/readyz`);
      log(`npm start ready in ${((performance.now() - t) / 1000).toFixed(1)} s at ${stackBase}`);

      database = createDatabase({ url: dbUrl });
      if (args.scale) await seed(database, args.scaleSmall, Math.round(args.scaleSmall / 5), args.seed);
      else if (args.persons || args.organizations) await seed(database, args.persons, args.organizations, args.seed);
      else await analyze(database);

      // Each subgraph and the router alone, as separate processes on the same database.
      t = performance.now();
      const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await freePort()] as const)));
      const routerPort = await freePort();
      const routerBase = `http://127.0.0.1:${routerPort}`;
      const subgraphEnv = Object.fromEntries(
        SUBGRAPHS.map((s) => [`SUBGRAPH_${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[s.name]}/graphql`]),
      );
      const subgraphs = SUBGRAPHS.map((s) =>
        startNode(s.name, `subgraphs/${s.name}/src/main.ts`, { ...env, ...subgraphEnv, PORT: String(ports[s.name]), PUBLIC_URL: routerBase }),
      );
      children.push(...subgraphs);
      await Promise.all(subgraphs.map((s) => waitForOk(s, `http://127.0.0.1:${ports[s.name]}/readyz`)));
      const router = startNode('router', 'router/src/main.ts', { ...env, ...subgraphEnv, PORT: String(routerPort), PUBLIC_URL: routerBase });
      children.push(router);
      await waitForOk(router, `${routerBase}/readyz`);
      let apollo: Child | undefined;
      const apolloPort = await freePort();
      if (args.compare) {
        apollo = startNode('apollo', 'test/bench/apollo-gateway.ts', { ...env, ...subgraphEnv, PORT: String(apolloPort) });
        children.push(apollo);
        await waitForOk(apollo, `http://127.0.0.1:${apolloPort}/?query=%7B__typename%7D`);
      }
      log(`Subgraphs, router alone${apollo ? ', Apollo Gateway' : ''} ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);

      admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      const processes: Processes = { stack, subgraphs, router, apollo, admin, databaseName: name };
      const ctx: BenchContext = {
        urls: {
          stack: `${stackBase}/graphql`,
          router: `${routerBase}/graphql`,
          parties: `http://127.0.0.1:${ports.parties}/graphql`,
          ...(apollo ? { apollo: `http://127.0.0.1:${apolloPort}/` } : {}),
        },
        signingSecret: DEV_ROUTER_SECRET,
        issuer,
        routerPublicUrl: stackBase.replace('//127.0.0.1', '//localhost'),
      };

      if (args.scale) {
        const decision = ROWS.find((r) => r.key === 'authorize1c1')!;
        const small = await runRow({ ...decision, key: `authorize1c1 at ${fmt(args.scaleSmall)} persons` }, ctx, processes, args);
        await seed(database, args.scaleLarge, Math.round(args.scaleLarge / 5), args.seed);
        measured.scaleP50 = { small: small.stack!.p50, large: Number.NaN };
      }
      const counts = await rowCounts(database);
      out(
        `  database  Postgres ${counts.server}, ${describeUrl(dbUrl)}: ${fmt(counts.persons)} persons, ${fmt(counts.organizations)} organisations, ${fmt(counts.roleAssignments)} role assignments`,
      );
      out();

      if (apollo) await compareOtherScenarios(ctx);
      for (const row of rows) {
        if (row.key === 'sqlStatements' || row.key === 'startup') continue;
        checkInterrupted();
        measured.rows[row.key] = await runRow(row, ctx, processes, args);
      }
      if (measured.rows.consentTokens) await reportOfflineVerification(ctx, args.duration);
      if (measured.scaleP50)
        measured.scaleP50.large =
          measured.rows.authorize1c1?.stack?.p50 ??
          (
            await runRow(
              ROWS.find((r) => r.key === 'authorize1c1')!,
              ctx,
              processes,
              args,
            )
          ).stack!.p50;
      if (wanted('sqlStatements')) {
        measured.statements = await countStatements(ctx, dbUrl, { ...env, ...subgraphEnv, PUBLIC_URL: routerBase });
        out(
          `sqlStatements: ${fmt(measured.statements.authorize100, 1)} per Authorize of 100, ${fmt(measured.statements.authorize1, 1)} per Authorize of 1 (Execute and Query messages at the wire, mean of 20 after 3 warm-up)`,
        );
      }
    }
    out();
    out(`Issue 14 goals (load avg ${loadAverage()} after the run)`);
    const goals = goalRows(measured);
    out(
      table(
        ['figure', 'measured', 'goal', ''],
        goals.map((g) => [g.figure, g.measured, g.goal, g.pass === null ? '—' : g.pass ? 'PASS' : 'FAIL']),
        3,
      ),
    );
    out('  ratios of medians over interleaved rounds; CPU from /proc (utime+stime) of each process and its children,');
    out("  Postgres: the run database's backends; a row FAILED above (errors, wrong answers) is not a result.");
    if (args.writeDocs) writeDocs();
    code = failures ? 1 : 0;
  } catch (error) {
    if (error instanceof Interrupted) {
      console.error('bench: interrupted');
      code = 130;
    } else {
      console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!created && needsDatabase) console.error(`(is Postgres reachable at ${describeUrl(adminUrl)}? Set DATABASE_URL to an admin connection.)`);
    }
  } finally {
    await Promise.allSettled(children.map((c) => c.stop()));
    await issuer?.close();
    await database?.close();
    await admin?.end({ timeout: 5 });
    rmSync(tmp, { recursive: true, force: true });
    if (created && !args.keep) {
      await dropRunDatabase(adminUrl, name).catch((e: unknown) => {
        console.error(`dropping ${name} failed: ${String(e)}`);
        code ||= 1;
      });
    } else if (created) log(`Kept database ${describeUrl(dbUrl)}.`);
  }
  log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return code;
}

function writeDocs() {
  const section = ['', `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, '', '```', ...printed, '```', ''].join('\n');
  writeFileSync(DOCS, section, { flag: 'a' });
  log(`Appended the results to ${DOCS}.`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130); // second signal: give up on cleaning up
    interrupted = true;
    console.error(`\n${signal}: stopping, cleaning up (again to quit at once) …`);
    stopCurrent?.();
  });
}

// Exit explicitly: a stray keep-alive socket or timer must not keep the benchmark hanging.
runWhenMain(import.meta.url, defineCli({ name: 'bench', usage: USAGE, flags: BENCH_FLAGS, args: BenchArgs, run: bench }), { exit: true });
