import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE, READ, URN, inSeconds } from '../support/consents';
import { startProcessStack, type ProcessStack } from './support/process-stack';
import { startOwnPostgres, type OwnPostgres } from './support/postgres';

let pg: OwnPostgres;
let stack: ProcessStack;
let banken: string;
let kari: string;
beforeAll(async () => {
  pg = await startOwnPostgres();
  stack = await startProcessStack(pg.url);
  [banken, kari] = await Promise.all([stack.token({ client: 'banken-system' }), stack.token({ pid: '17857210042' })]);
});
afterAll(async () => {
  if (stack) for (const p of stack.processes) if (!p.exit) p.child.kill('SIGKILL');
  await pg?.destroy();
});

interface Outcome {
  kind: 'write' | 'read';
  start: number;
  end: number;
  /** The created request's id when the write was acknowledged. */
  id?: string;
  codes: string[];
}

const ME = 'query Me { me { urn name } }';
const input = () => ({
  from: URN.hakon,
  validTo: inSeconds(3600),
  rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
  redirectUrl: 'http://localhost:9999/callback',
});

/** Writers create consent requests, readers read them back and ask `me`, until `until()` says stop. */
async function load(until: () => boolean, writers = 4, readers = 2): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let lastId: string | undefined;
  const record = async (kind: Outcome['kind'], call: () => Promise<{ body: { data?: any; errors?: { extensions?: { code?: string } }[] } }>) => {
    const start = Date.now();
    try {
      const { body } = await call();
      const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? 'NONE');
      const id = kind === 'write' && !body.errors ? (body.data?.createConsentRequest?.id as string | undefined) : undefined;
      if (id) lastId = id;
      outcomes.push({ kind, start, end: Date.now(), id, codes });
    } catch (err) {
      outcomes.push({ kind, start, end: Date.now(), codes: [`FETCH:${(err as Error).name}`] });
    }
  };
  const writer = async () => {
    while (!until()) await record('write', () => stack.graphql(CREATE, { input: input() }, banken));
  };
  const reader = async () => {
    while (!until()) {
      await record('read', () => stack.graphql(ME, {}, kari));
      if (lastId) await record('read', () => stack.graphql(READ, { id: lastId }, banken));
    }
  };
  await Promise.all([...Array.from({ length: writers }, writer), ...Array.from({ length: readers }, reader)]);
  return outcomes;
}

const failed = (o: Outcome) => o.codes.length > 0;
const allCodes = (outcomes: Outcome[]) => [...new Set(outcomes.flatMap((o) => o.codes))].sort();

/** Every acknowledged write is there after the fault: read back through the graph. */
async function missing(outcomes: Outcome[]): Promise<string[]> {
  const ids = outcomes.flatMap((o) => (o.id ? [o.id] : []));
  const lost: string[] = [];
  for (let i = 0; i < ids.length; i += 8) {
    await Promise.all(
      ids.slice(i, i + 8).map(async (id) => {
        const { body } = await stack.graphql(READ, { id }, banken);
        if (body.data?.consentRequest?.id !== id) lost.push(id);
      }),
    );
  }
  return lost;
}

const exited = () => stack.processes.filter((p) => p.exit).map((p) => `${p.name} ${JSON.stringify(p.exit)}\n${p.output()}`);

describe('Postgres restarts under write load (separate processes, own Postgres)', () => {
  it('loses no acknowledged write, ends no process, never answers FORBIDDEN and recovers within 5 s', async () => {
    let stopAt = Infinity;
    let backAt = 0;
    const running = load(() => Date.now() > stopAt);
    await new Promise((r) => setTimeout(r, 1_500));
    const restartAt = Date.now();
    await pg.restart();
    backAt = Date.now();
    stopAt = backAt + 7_000;
    const outcomes = await running;

    const writes = outcomes.filter((o) => o.kind === 'write');
    const acknowledged = writes.filter((o) => o.id);
    const lastFailure = Math.max(backAt, ...outcomes.filter(failed).map((o) => o.end));
    const recoveryMs = lastFailure - backAt;
    console.log(
      `restart took ${backAt - restartAt} ms; ${outcomes.length} requests, ${acknowledged.length}/${writes.length} writes acknowledged, ` +
        `${outcomes.filter(failed).length} failed (${allCodes(outcomes).join(', ') || 'none'}); recovered ${recoveryMs} ms after Postgres was back`,
    );
    expect(exited()).toEqual([]);
    expect(allCodes(outcomes)).not.toContain('FORBIDDEN');
    expect(allCodes(outcomes).filter((c) => c !== 'UNAVAILABLE')).toEqual([]);
    expect(recoveryMs).toBeLessThanOrEqual(5_000);
    // The load went on after the recovery, and succeeded.
    expect(outcomes.filter((o) => o.start > backAt + 5_000 && !failed(o)).length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.start > backAt + 5_000 && failed(o))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(20);
    expect(await missing(outcomes)).toEqual([]);
  });

  it('answers UNAVAILABLE fast while Postgres is down (503 on readiness), and serves again within 5 s of its return', async () => {
    await pg.stop();
    const downAt = Date.now();
    const outcomes = await load(() => Date.now() > downAt + 3_000, 2, 2);
    const probe = await fetch(`${stack.subgraphBase.consents}/readyz`);
    const probeBody = await probe.json();
    const slowest = Math.max(...outcomes.map((o) => o.end - o.start));
    console.log(`outage: ${outcomes.length} requests, codes ${allCodes(outcomes).join(', ')}, slowest ${slowest} ms; readyz ${probe.status}`);
    expect(outcomes.length).toBeGreaterThan(4);
    expect(outcomes.every((o) => o.codes.length > 0 && o.codes.every((c) => c === 'UNAVAILABLE'))).toBe(true);
    expect(slowest).toBeLessThan(3_000);
    expect(probe.status).toBe(503);
    expect(probe.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(probeBody.errors[0].extensions.code).toBe('UNAVAILABLE');
    const { body } = await stack.graphql(ME, {}, kari);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', retryAfter: expect.any(Number), retryAt: expect.any(String) });

    await pg.start();
    const backAt = Date.now();
    let servedAt = 0;
    while (!servedAt && Date.now() < backAt + 10_000) {
      const [me, created] = await Promise.all([stack.graphql(ME, {}, kari), stack.graphql(CREATE, { input: input() }, banken)]);
      if (!me.body.errors && !created.body.errors) servedAt = Date.now();
      else await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`served again ${servedAt - backAt} ms after Postgres was back`);
    expect(servedAt).toBeGreaterThan(0);
    expect(servedAt - backAt).toBeLessThanOrEqual(5_000);
    expect((await fetch(`${stack.subgraphBase.consents}/readyz`)).status).toBe(200);
    expect(exited()).toEqual([]);
  });

  it('stops every npm run start:* process (and the node below it) within 10 s of SIGTERM', async () => {
    const took = await stack.stop();
    console.log(`stopped after SIGTERM (ms): ${JSON.stringify(took)}`);
    for (const [name, ms] of Object.entries(took)) expect(ms, name).toBeLessThan(10_000);
    expect(stack.processes.map((p) => [p.name, p.exit?.code])).toEqual(stack.processes.map((p) => [p.name, 0]));
  });
});
