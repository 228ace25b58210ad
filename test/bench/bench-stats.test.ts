import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDatabaseName } from './database';
import { goalRows, medianFigures, type Figures } from './goals';
import { frontendCounter } from './sql-count';
import { cpuDelta, interleave, median, procStatTicks, ratio } from './stats';

describe('bench arithmetic', () => {
  it('takes the median of odd and even counts, unsorted', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([10, 1, 4, 3])).toBe(3.5);
    expect(median([])).toBeNaN();
  });

  it('gives no ratio against nothing', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNaN();
    expect(ratio(undefined, 2)).toBeNaN();
  });

  it('interleaves targets round by round: A, B, A, B, A, B', () => {
    expect(interleave(['A', 'B'], 3).map((s) => `${s.round}${s.target}`)).toEqual(['0A', '0B', '1A', '1B', '2A', '2B']);
  });

  it('takes medians of every figure, CPU per process too', () => {
    const f = (reqPerSec: number, router: number): Figures => ({ reqPerSec, p50: reqPerSec / 10, p99: reqPerSec, cpuPerRequest: { router } });
    const m = medianFigures([f(100, 0.001), f(300, 0.003), f(200, 0.002)]);
    expect(m.reqPerSec).toBe(200);
    expect(m.cpuPerRequest.router).toBe(0.002);
  });
});

describe('CPU accounting from /proc', () => {
  it('reads ppid and utime + stime, even when the command name has spaces and parentheses', () => {
    const line = '4242 (node (worker) x) S 4200 4242 4200 0 -1 4194560 5000 0 0 0 731 269 0 0 20 0 11 0 1234 1000000 5000';
    expect(procStatTicks(line)).toEqual({ ppid: 4200, ticks: 1000 });
  });

  it('reads this very process', () => {
    const { ppid, ticks } = procStatTicks(readFileSync('/proc/self/stat', 'utf8'));
    expect(ppid).toBeGreaterThan(0);
    expect(ticks).toBeGreaterThanOrEqual(0);
  });

  it('counts a process that appeared in between whole, and a known one by its difference', () => {
    expect(
      cpuDelta(
        new Map([[1, 2.5]]),
        new Map([
          [1, 3],
          [2, 0.25],
        ]),
      ),
    ).toBe(0.75);
  });
});

describe('statement counting at the wire', () => {
  const message = (type: string, payload = Buffer.alloc(3)) => {
    const head = Buffer.alloc(5);
    head.write(type, 0, 'latin1');
    head.writeInt32BE(payload.length + 4, 1);
    return Buffer.concat([head, payload]);
  };
  const startup = () => {
    const b = Buffer.alloc(8);
    b.writeInt32BE(8, 0);
    b.writeInt32BE(196608, 4); // protocol 3.0
    return b;
  };

  it('counts Query and Execute messages, whatever the chunking, and nothing else', () => {
    let n = 0;
    const feed = frontendCounter(() => n++);
    const stream = Buffer.concat([startup(), message('P'), message('B'), message('E'), message('S'), message('Q'), message('E'), message('X')]);
    for (let i = 0; i < stream.length; i += 3) feed(stream.subarray(i, i + 3));
    expect(n).toBe(3);
  });
});

describe('the run database', () => {
  it('is named for this run only', () => {
    expect(runDatabaseName(123, 456)).toBe('hub_bench_123_456');
    expect(runDatabaseName()).not.toBe(runDatabaseName(process.pid, 1));
  });
});

describe('issue 14 goals', () => {
  const f = (reqPerSec: number, p50: number, cpu: Record<string, number> = {}): Figures => ({ reqPerSec, p50, p99: p50 * 2, cpuPerRequest: cpu });

  it('passes PartyByUrn against the subgraph only when both throughput and p50 meet the goal', () => {
    const pass = goalRows({ rows: { partyByUrn: { stack: f(700, 3), parties: f(1000, 2.5) } } })[0]!;
    const fail = goalRows({ rows: { partyByUrn: { stack: f(700, 4), parties: f(1000, 2.5) } } })[0]!;
    expect([pass.pass, fail.pass]).toEqual([true, false]);
  });

  it('compares router CPU per request with Apollo Gateway’s, and marks what was not measured', () => {
    const rows = goalRows({ rows: { partyByUrn: { router: f(1, 1, { router: 0.001 }), apollo: f(1, 1, { apollo: 0.0031 }) } } });
    expect(rows[1]!.pass).toBe(true);
    expect(rows[2]!.pass).toBeNull();
    expect(rows.find((r) => r.figure.startsWith('SQL'))!.pass).toBeNull();
  });
});
