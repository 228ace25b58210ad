import type { Outcome } from './bench';


export const log = (line: string) => console.error(line);
export const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function table(header: string[], rows: string[][], alignLeft = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < alignLeft ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Problems that make a run worthless: any failed request, in the load or in the sample. */
export function problems(o: Outcome): string[] {
  const r = o.result;
  const out: string[] = [];
  if (r.non2xx) out.push(`${fmt(r.non2xx)} non-2xx (${Object.entries(r.statusCodeStats).map(([code, s]) => `${code}: ${s.count}`).join(', ')})`);
  if (r.errors) out.push(`${fmt(r.errors)} socket errors (${fmt(r.timeouts)} timeouts)`);
  if (r.mismatches) out.push(`${fmt(r.mismatches)} responses without data or with GraphQL errors`);
  if (o.sample.wrong) out.push(`sample: ${o.sample.wrong}/${o.sample.total} wrong (${o.sample.firstProblem})`);
  return out;
}

export function report(outcomes: Outcome[]): void {
  const rows = outcomes.map(({ scenario, result: r, sample: s }) => [
    scenario.name,
    fmt(r.requests.average, 0),
    scenario.unitsPerRequest ? fmt(r.requests.average * scenario.unitsPerRequest, 0) : '',
    fmt(r.latency.average, 2),
    fmt(r.latency.p50),
    fmt(r.latency.p99),
    fmt(r.latency.totalCount),
    fmt(r.non2xx),
    fmt(r.errors),
    fmt(r.mismatches),
    `${s.non2xx + s.graphqlErrors + s.wrong === 0 ? 'ok' : 'BAD'} ${s.total - s.wrong}/${s.total}`,
  ]);
  console.log(
    table(['scenario', 'req/s', 'units/s', 'lat mean ms', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'sock err', 'gql err', 'sample'], rows),
  );
  console.log('  req/s: mean of per-second samples; units/s: req/s × work per request (decisions for a batch);');
  console.log('  latency of 2xx responses; gql err: responses without data or with');
  console.log('  `errors` (every response checked); sample: requests checked against the expected data after the run.');

  const comparisons = outcomes.flatMap((o) => {
    const base = outcomes.find((b) => b.scenario.name === o.scenario.compareTo);
    if (!base) return [];
    const ratio = (a: number, b: number) => (b > 0 ? `${fmt(a / b, 2)}×` : 'n/a');
    return [
      [
        `${o.scenario.name} / ${base.scenario.name}`,
        ratio(o.result.requests.average, base.result.requests.average),
        ratio(o.result.latency.p50, base.result.latency.p50),
        ratio(o.result.latency.average, base.result.latency.average),
      ],
    ];
  });
  if (comparisons.length) {
    console.log();
    console.log(table(['ratio', 'throughput', 'p50 latency', 'mean latency'], comparisons));
  }
}

