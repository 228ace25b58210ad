// `npm run bench [-- --duration S --connections C --persons N --organizations M --keep]`: starts the whole stack
// (router and subgraphs, one process) over a fresh Postgres database `hub_bench`, optionally bulk-seeds synthetic
// parties, then loads each scenario of ./scenarios.ts with autocannon and prints a table. autocannon runs in a
// worker thread (its `workers` mode) so that the load generator does not share the servers' event loop.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { JSONWebKeySet } from 'jose';
import { seedSynthetic } from '@hub/db';
import { DEV_ROUTER_SECRET, SIGNATURE_HEADER, signBody } from '@hub/kit';
import { startStack, type Stack } from '../../scripts/stack';
import { defineCli, runWhenMain } from '@hub/db/cli';
import { BENCH_FLAGS, BenchArgs, USAGE, type Args } from './args';
import { DATABASE_NAME, DEFAULT_ADMIN_URL, databaseUrl, describeUrl, dropDatabase, recreateDatabase, rowCounts } from './database';
import { benchOfflineVerification } from './offline-verify';
import { fmt, log, problems, report, table } from './report';
import { SCENARIOS, type BenchContext, type GraphQLResponse, type Scenario, type Target } from './scenarios';

/** Requests checked one by one after each measured run. */
const SAMPLE_SIZE = 20;
const SIGN_REQUEST_HOOK = fileURLToPath(new URL('./hooks/sign-request.cjs', import.meta.url));
const VERIFY_BODY_HOOK = fileURLToPath(new URL('./hooks/verify-body.cjs', import.meta.url));

// ---------------------------------------------------------------------------------------------- running

export interface Outcome {
  scenario: Scenario;
  result: autocannon.Result;
  sample: { total: number; non2xx: number; graphqlErrors: number; wrong: number; firstProblem?: string };
}

/** Set while a run is in flight, so that Ctrl-C can stop it and still clean up. */
let stopCurrent: (() => void) | undefined;
let interrupted = false;

/** A failure to report by its message alone (no stack trace). */
class BenchError extends Error {}

class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

function fire(target: Target, duration: number, connections: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: 'POST',
        headers: target.headers,
        body: target.body,
        connections,
        duration,
        workers: 1,
        verifyBody: VERIFY_BODY_HOOK,
        ...(target.signWith
          ? { requests: [{ method: 'POST', headers: target.headers, body: target.body, signWith: target.signWith, setupRequest: SIGN_REQUEST_HOOK }] }
          : {}),
      },
      (error, result) => {
        stopCurrent = undefined;
        if (error) reject(error);
        else resolve(result);
      },
    );
    stopCurrent = () => {
      stopCurrent = undefined;
      instance.stop();
      reject(new Interrupted());
    };
  });
}

/** One request outside autocannon (signed afresh when the target is signed), parsed. */
async function once(target: Target): Promise<{ status: number; body: GraphQLResponse }> {
  const headers = target.signWith ? { ...target.headers, [SIGNATURE_HEADER]: signBody(target.signWith, target.body) } : target.headers;
  const res = await fetch(target.url, { method: 'POST', headers, body: target.body });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as GraphQLResponse };
  } catch {
    return { status: res.status, body: { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] } };
  }
}

async function sample(target: Target, n: number): Promise<Outcome['sample']> {
  const out: Outcome['sample'] = { total: n, non2xx: 0, graphqlErrors: 0, wrong: 0 };
  for (let i = 0; i < n; i++) {
    const { status, body } = await once(target);
    if (status < 200 || status > 299) out.non2xx++;
    if (body.errors?.length) out.graphqlErrors++;
    const problem = target.check(status, body);
    if (problem) {
      out.wrong++;
      out.firstProblem ??= problem;
    }
  }
  return out;
}

async function runScenario(scenario: Scenario, ctx: BenchContext, args: Args): Promise<Outcome> {
  const target = await scenario.prepare(ctx);
  const first = await once(target);
  const problem = target.check(first.status, first.body);
  if (problem) throw new BenchError(`${scenario.name}: the check request failed, not benchmarking errors: ${problem}`);

  if (args.warmup > 0) {
    log(`  ${scenario.name}: warm-up ${args.warmup} s …`);
    await fire(target, args.warmup, args.connections);
  }
  log(`  ${scenario.name}: ${args.duration} s, ${args.connections} connections …`);
  const result = await fire(target, args.duration, args.connections);
  return { scenario, result, sample: await sample(target, SAMPLE_SIZE) };
}

/** Issues one consent token, then times verifying it offline against the JWKS, as a data source would. */
async function reportOfflineVerification(ctx: BenchContext, issuer: string, seconds: number): Promise<void> {
  const target = await SCENARIOS.find((s) => s.name.startsWith('IssueConsentToken'))!.prepare(ctx);
  const res = await fetch(target.url, { method: 'POST', headers: target.headers, body: target.body });
  const token = ((await res.json()) as GraphQLResponse).data?.issueConsentToken?.accessToken as string;
  const jwks = (await (await fetch(ctx.routerUrl.replace(/\/graphql$/, '/.well-known/jwks.json'))).json()) as JSONWebKeySet;
  const figures = await benchOfflineVerification({ token, jwks, issuer, audience: 'urn:altinn:organization:identifier-no:310000701', seconds });
  console.log();
  console.log('Offline consent-token verification (one thread, JWKS fetched once, ES256 + iss/aud/exp checks)');
  console.log(
    table(
      ['library', 'verifications/s', 'p50 µs', 'p99 µs', 'verifications'],
      figures.map((f) => [f.library, fmt(f.perSecond), fmt(f.p50Micros), fmt(f.p99Micros), fmt(f.verifications)]),
    ),
  );
}

// ------------------------------------------------------------------------------------------------- main

async function bench(args: Args): Promise<number> {
  const selected = args.scenarios.length
    ? SCENARIOS.filter((s) => args.scenarios.some((text) => s.name.toLowerCase().includes(text.toLowerCase())))
    : SCENARIOS;
  if (!selected.length) {
    console.error(`bench: no scenario matches ${args.scenarios.join(', ')}; there are: ${SCENARIOS.map((s) => s.name).join('; ')}`);
    return 2;
  }

  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const benchUrl = databaseUrl(adminUrl, DATABASE_NAME);
  let created = false;
  let stack: Stack | undefined;
  let code = 1;
  const started = performance.now();
  const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
  try {
    log(`Creating database ${describeUrl(benchUrl)} …`);
    await recreateDatabase(adminUrl, DATABASE_NAME);
    created = true;
    let t = performance.now();
    stack = await withoutSignalListeners(() => startStack({ databaseUrl: benchUrl, port: 0, logLevel: args.logLevel }));
    log(`Stack up in ${seconds(t)} s (migrated, story seeded): router ${stack.url}`);

    if (args.persons > 0 || args.organizations > 0) {
      t = performance.now();
      let lastPercent = -10;
      const seeded = await seedSynthetic(stack.database, { persons: args.persons, organizations: args.organizations, seed: args.seed }, (done, total) => {
        const percent = total ? Math.floor((done / total) * 100) : 100;
        if (percent >= lastPercent + 10 || done === total) {
          lastPercent = percent;
          log(`  synthetic data ${percent}% (${fmt(done)}/${fmt(total)} rows)`);
        }
      });
      const g = seeded.generated;
      log(`Seeded ${fmt(g.persons)} persons, ${fmt(g.organizations)} organisations, ${fmt(g.roleAssignments)} role assignments in ${seconds(t)} s`);
    }
    if (interrupted) throw new Interrupted();

    const counts = await rowCounts(stack.database);
    const cpus = os.cpus();
    console.log('Hub benchmark');
    console.log(`  machine   ${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ${os.platform()} ${os.arch()}`);
    const [load1] = os.loadavg();
    const busy = load1! > 0.5 ? ' (busy: other work on the machine skews the figures)' : '';
    console.log(`  load avg  ${fmt(load1!, 2)} over the last minute before the runs${busy}`);
    console.log(`  node      ${process.version}; load generator: autocannon in 1 worker thread, same process as the stack`);
    console.log(`  database  Postgres ${counts.server} ${describeUrl(benchUrl)}: ${fmt(counts.parties)} parties (${fmt(counts.persons)} persons, ${fmt(counts.organizations)} organisations), ${fmt(counts.roleAssignments)} role assignments`);
    console.log(`  load      ${args.connections} connections, ${args.duration} s per scenario after ${args.warmup} s warm-up`);
    for (const s of selected) console.log(`  · ${s.name}: ${s.description}`);
    console.log();

    const publicUrl = stack.publicUrl.replace('//localhost', '//127.0.0.1');
    const tokens = new Map<string, Promise<string>>();
    const ctx: BenchContext = {
      routerUrl: stack.url,
      subgraphUrls: stack.subgraphUrls,
      signingSecret: DEV_ROUTER_SECRET,
      devToken(claims) {
        const key = JSON.stringify(claims);
        if (!tokens.has(key)) {
          tokens.set(
            key,
            (async () => {
              const res = await fetch(`${publicUrl}/dev/token`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: key,
              });
              if (!res.ok) throw new BenchError(`dev token refused for ${key}: ${res.status} ${await res.text()}`);
              return ((await res.json()) as { access_token: string }).access_token;
            })(),
          );
        }
        return tokens.get(key)!;
      },
    };

    const outcomes: Outcome[] = [];
    for (const scenario of selected) {
      if (interrupted) throw new Interrupted();
      outcomes.push(await runScenario(scenario, ctx, args));
    }
    console.log();
    report(outcomes);

    if (selected.some((s) => s.name.startsWith('IssueConsentToken'))) await reportOfflineVerification(ctx, stack.publicUrl, args.duration);

    const failed = outcomes.map((o) => [o.scenario.name, problems(o)] as const).filter(([, p]) => p.length);
    for (const [name, p] of failed) console.error(`FAILED ${name}: ${p.join('; ')}`);
    code = failed.length ? 1 : 0;
  } catch (error) {
    if (error instanceof Interrupted) {
      console.error('bench: interrupted');
      code = 130;
    } else {
      const detail = error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`bench failed: ${detail}`);
      if (!created) console.error(`(is Postgres reachable at ${describeUrl(adminUrl)}? Set DATABASE_URL to an admin connection.)`);
      code = 1;
    }
  } finally {
    if (stack) await stack.close().catch((e: unknown) => console.error(`closing the stack failed: ${String(e)}`));
    if (created && !args.keep) {
      await dropDatabase(adminUrl, DATABASE_NAME).catch((e: unknown) => {
        console.error(`dropping ${DATABASE_NAME} failed: ${String(e)}`);
        code ||= 1;
      });
    } else if (created) log(`Kept database ${describeUrl(benchUrl)}.`);
  }
  log(`Done in ${seconds(started)} s.`);
  return code;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs `start` and takes off the signal listeners it installed. The stack's libraries install their own: Apollo
 * Server (the subgraphs) stops itself on SIGINT/SIGTERM and then re-raises the signal, the gateway disposes itself.
 * They would cut the benchmark's cleanup short (the database left behind), so the benchmark handles the signals
 * alone and closes the stack itself.
 */
async function withoutSignalListeners<T>(start: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    return await start();
  } finally {
    for (const signal of SIGNALS) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener as (...args: unknown[]) => void);
      }
    }
  }
}

for (const signal of SIGNALS) {
  process.on(signal, () => {
    if (interrupted) process.exit(130); // second signal: give up on cleaning up
    interrupted = true;
    console.error(`\n${signal}: stopping, cleaning up (again to quit at once) …`);
    stopCurrent?.();
  });
}

// Exit explicitly: a stray keep-alive socket or timer in a closed server must not keep the benchmark hanging.
runWhenMain(import.meta.url, defineCli({ name: 'bench', usage: USAGE, flags: BENCH_FLAGS, args: BenchArgs, run: bench }), { exit: true });
