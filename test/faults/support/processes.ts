import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
export { freePort } from '../../support/ports';

/** One `npm run <script>` of the project, as an operator would start it. */
export interface NpmProcess {
  name: string;
  child: ChildProcess;
  /** Everything it printed, for failure messages. */
  output(): string;
  /** Set once the npm process has exited. */
  exit: { code: number | null; signal: NodeJS.Signals | null; at: number } | null;
  exited: Promise<void>;
}

/** `detached`: in a process group of its own, as a terminal runs a command (Ctrl-C signals the whole group). */
export function npmRun(script: string, env: NodeJS.ProcessEnv, name = script, detached = false): NpmProcess {
  const child = spawn('npm', ['run', '--silent', script], {
    cwd: process.cwd(),
    detached,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const proc: NpmProcess = {
    name,
    child,
    output: () => output,
    exit: null,
    exited: new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        proc.exit = { code, signal, at: Date.now() };
        resolve();
      });
    }),
  };
  return proc;
}

/** The process and every process below it (npm → node). */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)])
      .toString()
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter(Boolean);
  } catch {
    // no children
  }
  return [pid, ...children.flatMap(processTree)];
}

export const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Polls until `check` passes or `timeoutMs` is over; returns whether it passed. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Waits until `url` answers 200 (or `proc` dies, which throws with its output). */
export async function waitUntilReady(url: string, procs: NpmProcess[], timeoutMs = 120_000): Promise<void> {
  const ok = await waitFor(
    async () => {
      const dead = procs.find((p) => p.exit);
      if (dead) throw new Error(`${dead.name} exited (${JSON.stringify(dead.exit)}) before ${url} was ready:\n${dead.output()}`);
      try {
        return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
      } catch {
        return false;
      }
    },
    timeoutMs,
    250,
  );
  if (!ok) throw new Error(`${url} not ready after ${timeoutMs} ms:\n${procs.map((p) => `--- ${p.name}\n${p.output()}`).join('\n')}`);
}

/**
 * Sends `signal` to the npm process only (as a supervisor would; `wholeGroup`: to its process group, as Ctrl-C in a
 * terminal does) and waits for it and
 * every process that was below it to end. Returns how long that took, or throws naming the survivors.
 */
export async function stopProcess(proc: NpmProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000, wholeGroup = false): Promise<number> {
  const tree = processTree(proc.child.pid!);
  const started = Date.now();
  if (wholeGroup) process.kill(-proc.child.pid!, signal);
  else proc.child.kill(signal);
  const done = await waitFor(() => tree.every((pid) => !isAlive(pid)), timeoutMs, 50);
  const took = Date.now() - started;
  if (!done) {
    const alive = tree.filter(isAlive);
    for (const pid of alive) process.kill(pid, 'SIGKILL');
    throw new Error(`${proc.name}: processes ${alive.join(', ')} still alive ${timeoutMs} ms after ${signal}:\n${proc.output()}`);
  }
  return took;
}
