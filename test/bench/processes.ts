import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { procStatTicks } from './stats';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** pid → { ppid, CPU seconds } of every process /proc lets us read. */
function allProcesses(): Map<number, { ppid: number; seconds: number }> {
  const out = new Map<number, { ppid: number; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { ppid, ticks } = procStatTicks(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      out.set(Number(entry), { ppid, seconds: ticks / clockTicks() });
    } catch {
      // gone in between, or not readable
    }
  }
  return out;
}

/** CPU seconds so far of each process of `pids` and, when `withDescendants`, of their children's children too. */
export function cpuOfProcesses(pids: readonly number[], withDescendants = true): Map<number, number> {
  const all = allProcesses();
  const wanted = new Set(pids.filter((p) => all.has(p)));
  if (withDescendants) {
    let grew = true;
    while (grew) {
      grew = false;
      for (const [pid, p] of all) {
        if (!wanted.has(pid) && wanted.has(p.ppid)) {
          wanted.add(pid);
          grew = true;
        }
      }
    }
  }
  return new Map([...wanted].map((pid) => [pid, all.get(pid)!.seconds]));
}

/** Postgres backends serving database `name` (their CPU is read from /proc, where the server runs on this machine). */
export async function backendPids(admin: postgres.Sql, name: string): Promise<number[]> {
  const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
  return rows.map((r) => r.pid);
}

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** The last lines it wrote, for an error message. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <script>` (a path from the repository root) with `env`, its output kept in memory. */
export function startNode(name: string, script: string, env: NodeJS.ProcessEnv, unset: string[] = []): Child {
  return startCommand(name, process.execPath, ['--import', 'tsx', script], env, unset);
}

/** Starts a command in the repository root with `env` added (and `unset` taken out); its output is kept in memory. */
export function startCommand(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, unset: string[] = []): Child {
  const fullEnv = { ...process.env, ...env };
  for (const key of unset) delete fullEnv[key];
  const child = spawn(command, args, { cwd: REPO_ROOT, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    pid: child.pid!,
    process: child,
    output: () => tail,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Its children first (npm start runs node under npm; a stack may run workers or processes of its own).
      for (const pid of cpuOfProcesses([child.pid!]).keys()) {
        if (pid === child.pid) continue;
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until the child prints a line matching `pattern` and returns the first group. */
export async function waitForLine(child: Child, pattern: RegExp, timeoutMs = 120_000): Promise<string> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    const match = pattern.exec(child.output());
    if (match) return match[1]!;
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited (${child.process.exitCode}):\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${child.name} printed no ${pattern} within ${timeoutMs} ms:\n${child.output()}`);
}

/** Waits until `url` answers 200 (or `child` exits, or `timeoutMs` passes). */
export async function waitForOk(child: Child, url: string, timeoutMs = 120_000): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (child.process.exitCode !== null) throw new Error(`${child.name} exited (${child.process.exitCode}) before it was ready:\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return performance.now() - start;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${child.name} not ready at ${url} after ${timeoutMs} ms:\n${child.output()}`);
}
