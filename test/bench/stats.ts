// The pure arithmetic of the benchmark: medians, ratios, the interleaved schedule, CPU time from /proc.

export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** a ÷ b, NaN when either is missing or b is not positive. */
export function ratio(a: number | undefined, b: number | undefined): number {
  return a === undefined || b === undefined || !(b > 0) || !Number.isFinite(a) ? Number.NaN : a / b;
}

/**
 * The order targets run in: every round runs each target once (A, B, A, B, … for two), so that a busy
 * spell on the shared machine hits every target alike instead of one of them.
 */
export function interleave<T>(targets: readonly T[], rounds: number): { round: number; target: T }[] {
  const out: { round: number; target: T }[] = [];
  for (let round = 0; round < rounds; round++) for (const target of targets) out.push({ round, target });
  return out;
}

/**
 * utime + stime, in clock ticks, of one line of /proc/<pid>/stat. The command name (field 2) is in
 * parentheses and may hold spaces or parentheses itself, so fields are counted from the last `)`.
 */
export function procStatTicks(line: string): { ppid: number; ticks: number } {
  const end = line.lastIndexOf(')');
  if (end < 0) throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 80)}`);
  // After ") ": field 3 (state) is index 0, so field n is index n - 3.
  const fields = line
    .slice(end + 2)
    .trim()
    .split(/\s+/);
  const field = (n: number) => Number(fields[n - 3]);
  const ppid = field(4);
  const ticks = field(14) + field(15);
  if (!Number.isFinite(ticks) || !Number.isFinite(ppid)) throw new Error(`unreadable /proc stat: ${line.slice(0, 80)}`);
  return { ppid, ticks };
}

/** CPU seconds spent between two readings of the same set of processes (pid → seconds). */
export function cpuDelta(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let total = 0;
  // A process that appeared in between counts whole; one that ended in between is lost (and says so by being absent).
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** Formats a ratio as `1.23×`, or `n/a`. */
export const times = (r: number, digits = 2) => (Number.isFinite(r) ? `${r.toFixed(digits)}×` : 'n/a');
