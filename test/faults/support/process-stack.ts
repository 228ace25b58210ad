import { SUBGRAPHS } from '@hub/kit';
import type { GraphQLBody } from '../../support/stack';
import { freePort, isAlive, npmRun, processTree, stopProcess, waitFor, waitUntilReady, type NpmProcess } from './processes';

/** The router and every subgraph as separate `npm run start:*` processes on one Postgres, as in production. */
export interface ProcessStack {
  routerUrl: string;
  /** Subgraph name → its base URL (`/graphql`, `/readyz`, `/healthz` below it). */
  subgraphBase: Record<string, string>;
  processes: NpmProcess[];
  token(body: Record<string, string>): Promise<string>;
  graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    timeoutMs?: number,
  ): Promise<{ status: number; body: GraphQLBody<T>; ms: number }>;
  /** SIGTERM to each npm process; returns how long each took to end with everything below it. */
  stop(): Promise<Record<string, number>>;
  /**
   * Sends `signal` to one subgraph's processes (npm and the node below it), as a fault would: SIGKILL waits until
   * all of them are gone; SIGSTOP freezes them (the socket still accepts, nobody answers) until SIGCONT.
   */
  signal(name: string, signal: 'SIGKILL' | 'SIGSTOP' | 'SIGCONT'): Promise<void>;
  /** Starts a killed subgraph again (`npm run start:<name>`, same port and environment); resolves once it is ready. */
  restart(name: string): Promise<void>;
}

export async function startProcessStack(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<ProcessStack> {
  const migrate = npmRun('migrate', { DATABASE_URL: databaseUrl });
  await migrate.exited;
  if (migrate.exit?.code !== 0) throw new Error(`npm run migrate failed:\n${migrate.output()}`);

  const routerPort = await freePort();
  const publicUrl = `http://127.0.0.1:${routerPort}`;
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async ({ name }) => [name, await freePort()] as const)));
  const subgraphBase = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, `http://127.0.0.1:${ports[name]}`]));
  const common: NodeJS.ProcessEnv = {
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: 'warn',
    DB_POOL_SIZE: '5',
    ...Object.fromEntries(SUBGRAPHS.map(({ name }) => [`SUBGRAPH_${name.toUpperCase()}_URL`, `${subgraphBase[name]}/graphql`])),
    ...env,
  };
  const startSubgraph = (name: string) => npmRun(`start:${name}`, { ...common, PORT: String(ports[name]), HOST: '127.0.0.1' });
  const processes = [
    ...SUBGRAPHS.map(({ name }) => startSubgraph(name)),
    npmRun('start:router', { ...common, PORT: String(routerPort), HOST: '127.0.0.1' }),
  ];
  try {
    await waitUntilReady(`${publicUrl}/readyz`, processes);
  } catch (err) {
    await Promise.allSettled(processes.map((p) => stopProcess(p, 'SIGKILL', 5_000)));
    throw err;
  }

  const token = async (body: Record<string, string>) => {
    const res = await fetch(`${publicUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`dev token refused: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const graphql = async (query: string, variables: Record<string, unknown> = {}, bearer?: string, timeoutMs = 15_000) => {
    const started = Date.now();
    const res = await fetch(`${publicUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json()) as GraphQLBody<never>;
    return { status: res.status, body, ms: Date.now() - started };
  };
  return {
    routerUrl: `${publicUrl}/graphql`,
    subgraphBase,
    processes,
    token,
    graphql,
    async stop() {
      const took = await Promise.all(processes.map(async (p) => [p.name, p.exit ? -1 : await stopProcess(p)] as const));
      return Object.fromEntries(took);
    },
    async signal(name, signal) {
      const proc = processes.find((p) => p.name === `start:${name}`);
      if (!proc) throw new Error(`no process for ${name}`);
      const tree = proc.exit ? [] : processTree(proc.child.pid!);
      // Leaves first, so that npm does not see its child change before it is signalled itself.
      for (const pid of [...tree].reverse()) process.kill(pid, signal);
      if (signal === 'SIGKILL' && !(await waitFor(() => tree.every((pid) => !isAlive(pid)), 10_000, 20))) {
        throw new Error(`${name}: ${tree.filter(isAlive).join(', ')} still alive after SIGKILL`);
      }
      if (signal === 'SIGKILL') await proc.exited;
    },
    async restart(name) {
      const index = processes.findIndex((p) => p.name === `start:${name}`);
      if (index < 0) throw new Error(`no process for ${name}`);
      if (!processes[index]!.exit) throw new Error(`${name} is still running`);
      const proc = startSubgraph(name);
      processes[index] = proc;
      await waitUntilReady(`${subgraphBase[name]}/readyz`, [proc]);
    },
  };
}
