import { median, ratio, times } from './stats';
import type { TargetName } from './scenarios';

/** The medians of one target in one row (over the interleaved rounds). */
export interface Figures {
  reqPerSec: number;
  p50: number;
  p99: number;
  /** CPU seconds per request of each process (router, a subgraph, postgres, …). */
  cpuPerRequest: Record<string, number>;
}

/** Medians of each figure over the rounds. */
export function medianFigures(rounds: Figures[]): Figures {
  const names = new Set(rounds.flatMap((r) => Object.keys(r.cpuPerRequest)));
  return {
    reqPerSec: median(rounds.map((r) => r.reqPerSec)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    cpuPerRequest: Object.fromEntries([...names].map((n) => [n, median(rounds.map((r) => r.cpuPerRequest[n] ?? 0))])),
  };
}

/** What the run measured: row key → target → medians; and the figures measured outside load runs. */
export interface Measured {
  /** Concurrency of the c50 rows (the issue's figures are at 50). */
  connections?: number;
  rows: Record<string, Partial<Record<TargetName, Figures>>>;
  statements?: { authorize100: number; authorize1: number };
  startup?: { empty: number; existing: number };
  scaleP50?: { small: number; large: number };
}

export interface GoalRow {
  figure: string;
  measured: string;
  goal: string;
  /** null when the run did not measure it. */
  pass: boolean | null;
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
/** The process that stands for the router of a target: the whole `npm start` process tree, or the router alone. */
const routerCpu = (f: Figures | undefined, process: string) => f?.cpuPerRequest[process];

/** Every row of issue 14's table, computed from what was measured, with its goal and PASS/FAIL. */
export function goalRows(m: Measured): GoalRow[] {
  const rows: GoalRow[] = [];
  const c = `c${m.connections ?? 50}`;
  const party = m.rows.partyByUrn ?? {};
  const me = m.rows.meThree ?? {};
  const missing = (figure: string, goal: string) => rows.push({ figure, measured: 'not measured', goal, pass: null });

  if (party.stack && party.parties) {
    const t = ratio(party.stack.reqPerSec, party.parties.reqPerSec);
    const p = ratio(party.stack.p50, party.parties.p50);
    rows.push({
      figure: `PartyByUrn, router in npm start ÷ signed parties subgraph, ${c}`,
      measured: `${times(t)} throughput (${fmt(party.stack.reqPerSec)} vs ${fmt(party.parties.reqPerSec)} req/s), ${times(p)} p50`,
      goal: '≥ 0.67× throughput, ≤ 1.5× p50',
      pass: t >= 0.67 && p <= 1.5,
    });
  } else missing(`PartyByUrn, router in npm start ÷ signed parties subgraph, ${c}`, '≥ 0.67× throughput, ≤ 1.5× p50');

  for (const [label, row] of [
    [`PartyByUrn, router alone ÷ Apollo Gateway, ${c}`, party],
    [`me (roles, delegations, consents), router alone ÷ Apollo Gateway, ${c}`, me],
  ] as const) {
    if (row.router && row.apollo) {
      const cpu = ratio(routerCpu(row.apollo, 'apollo'), routerCpu(row.router, 'router'));
      rows.push({
        figure: label,
        measured: `${times(ratio(row.router.reqPerSec, row.apollo.reqPerSec))} throughput, ${times(ratio(row.router.p50, row.apollo.p50))} p50, router CPU per request Apollo ÷ router ${times(cpu)}`,
        goal: '≥ 3× less router CPU per request',
        pass: cpu >= 3,
      });
    } else missing(label, '≥ 3× less router CPU per request (needs --compare)');
  }

  if (party.stack && party.router) {
    const r = ratio(party.stack.reqPerSec, party.router.reqPerSec);
    rows.push({
      figure: `PartyByUrn, router in npm start ÷ router alone, ${c}`,
      measured: `${times(r)} throughput`,
      goal: '1× (≥ 0.95×: noise)',
      pass: r >= 0.95,
    });
  } else missing(`PartyByUrn, router in npm start ÷ router alone, ${c}`, '1× (≥ 0.95×: noise)');

  const batch = m.rows.authorize100?.stack;
  if (batch) {
    rows.push({
      figure: `decisions/s, Authorize with 100 requests, ${c}`,
      measured: `${fmt(batch.reqPerSec * 100)} (${fmt(batch.reqPerSec)} req/s, p50 ${fmt(batch.p50)} ms)`,
      goal: '≥ 20,000',
      pass: batch.reqPerSec * 100 >= 20_000,
    });
  } else missing(`decisions/s, Authorize with 100 requests, ${c}`, '≥ 20,000');

  // Every concurrency single Authorize ran at (c1, the sweep, c50): its p99 where its throughput peaks.
  const levels = Object.entries(m.rows)
    .map(([key, row]) => ({ c: key === 'authorize1' ? (m.connections ?? 50) : Number(/^authorize1c(\d+)$/.exec(key)?.[1]), f: row.stack }))
    .filter((l): l is { c: number; f: Figures } => Number.isFinite(l.c) && l.f !== undefined)
    .sort((a, b) => a.c - b.c);
  const peak = levels.reduce<(typeof levels)[number] | undefined>((best, l) => (!best || l.f.reqPerSec > best.f.reqPerSec ? l : best), undefined);
  const single = m.rows.authorize1?.stack;
  if (peak && levels.length > 1)
    rows.push({
      figure: 'single Authorize: p99 where throughput peaks',
      measured: `${fmt(peak.f.p99, 1)} ms at c${peak.c} (${fmt(peak.f.reqPerSec)} req/s; ${levels.map((l) => `c${l.c} ${fmt(l.f.reqPerSec)}/s p99 ${fmt(l.f.p99, 1)}`).join(', ')})`,
      goal: '≤ 10 ms',
      pass: peak.f.p99 <= 10,
    });
  else if (single)
    rows.push({
      figure: `single Authorize, ${c}: p99`,
      measured: `${fmt(single.p99, 1)} ms (${fmt(single.reqPerSec)} req/s)`,
      goal: '≤ 10 ms at the load where throughput peaks (run the sweep: all rows)',
      pass: null,
    });
  else missing('single Authorize: p99 where throughput peaks', '≤ 10 ms');

  const c1 = m.rows.authorize1c1?.stack;
  if (c1) rows.push({ figure: 'single Authorize, c1: p50', measured: `${fmt(c1.p50, 1)} ms`, goal: '≤ 2 ms', pass: c1.p50 <= 2 });
  else missing('single Authorize, c1: p50', '≤ 2 ms');

  if (m.scaleP50) {
    const g = ratio(m.scaleP50.large, m.scaleP50.small);
    rows.push({
      figure: 'decision p50, large ÷ small scale (c1)',
      measured: `${times(g)} (${fmt(m.scaleP50.large, 1)} vs ${fmt(m.scaleP50.small, 1)} ms)`,
      goal: '≤ 1.5×',
      pass: g <= 1.5,
    });
  } else missing('decision p50, large ÷ small scale (c1)', '≤ 1.5× (needs --scale)');

  const tokens = m.rows.consentTokens?.stack;
  if (tokens)
    rows.push({
      figure: `consent tokens issued/s through the router, ${c}`,
      measured: `${fmt(tokens.reqPerSec)} (p50 ${fmt(tokens.p50)} ms)`,
      goal: '≥ 1,500',
      pass: tokens.reqPerSec >= 1500,
    });
  else missing(`consent tokens issued/s through the router, ${c}`, '≥ 1,500');

  if (m.statements) {
    const { authorize100, authorize1 } = m.statements;
    rows.push({
      figure: 'SQL statements: Authorize of 100 / of 1',
      measured: `${fmt(authorize100, 1)} / ${fmt(authorize1, 1)}`,
      goal: '≤ 4 whatever the size',
      pass: authorize100 <= 4 && authorize1 <= 4,
    });
  } else missing('SQL statements: Authorize of 100 / of 1', '≤ 4 whatever the size');

  if (m.startup) {
    const { empty, existing } = m.startup;
    rows.push({
      figure: 'npm start to ready, empty / existing embedded database',
      measured: `${fmt(empty, 1)} s / ${fmt(existing, 1)} s`,
      goal: '≤ 5 s',
      pass: empty <= 5 && existing <= 5,
    });
  } else missing('npm start to ready, empty / existing embedded database', '≤ 5 s');
  return rows;
}
