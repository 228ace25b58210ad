import { fork, type ChildProcess } from 'node:child_process';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { closeServer } from '@hub/kit/graceful';
import type { DestinationStream } from '@hub/kit/logger';
import type { RouterConfig } from '@hub/router/env';
import { createRouterHttpServer } from '@hub/router/http-server';

/**
 * Where a stack's router runs. It listens first (answering 503 until it is started), because its port is part of
 * the public URL the subgraphs are given; `start` builds the router once the subgraphs are up.
 */
export interface RouterHost {
  port: number;
  /** Builds the router over these subgraphs, with the configuration parsed for the public URL. */
  start(config: RouterConfig): Promise<{ metricsUrl?: string }>;
  /** Lets requests in flight finish, then stops the router. */
  close(): Promise<void>;
}

export const listen = (server: Server, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/** Until the router is built, every request is told to come back (a probe must never hang on a half-started stack). */
export function startingRouterServer(limits: RouterConfig['server']): { server: Server; handle(listener: RequestListener): void } {
  let handler: RequestListener | undefined;
  const server = createRouterHttpServer((req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"status":"starting"}');
  }, limits);
  return { server, handle: (listener) => void (handler = listener) };
}

/** Builds the router and, when the configuration asks for one, its metrics server; answers where the metrics are. */
export async function buildRouter(
  config: RouterConfig,
  host: string,
  handle: (listener: RequestListener) => void,
  logDestination?: DestinationStream,
): Promise<{ dispose(): Promise<void>; metricsUrl?: string }> {
  // Loaded here, not at the top: a stack whose router runs in its own process never loads the gateway itself.
  const { createMetricsServer, createRouter, MetricsRegistry } = await import('@hub/router');
  const metricsRegistry = new MetricsRegistry();
  const router = await createRouter({ config, logDestination, metricsRegistry });
  handle(router.listener);
  if (config.metrics.port === null) {
    return {
      async dispose() {
        await router.dispose();
      },
    };
  }
  const metricsServer = createMetricsServer(metricsRegistry, config.metrics.path!);
  const metricsUrl = `http://${host}:${await listen(metricsServer, config.metrics.port, host)}${config.metrics.path}`;
  return {
    metricsUrl,
    async dispose() {
      metricsServer.close();
      await router.dispose();
    },
  };
}

/** The router in this process, on this event loop: the way tests start stacks (fast, one process to debug). */
export async function inProcessRouter(
  limits: RouterConfig['server'],
  port: number,
  host: string,
  logDestination?: DestinationStream,
): Promise<RouterHost> {
  const { server, handle } = startingRouterServer(limits);
  const bound = await listen(server, port, host);
  let router: Awaited<ReturnType<typeof buildRouter>> | undefined;
  return {
    port: bound,
    async start(config) {
      router = await buildRouter(config, host, handle, logDestination);
      return { metricsUrl: router.metricsUrl };
    },
    async close() {
      // Requests in flight finish first: they may still need the subgraphs.
      await closeServer(server);
      await router?.dispose();
    },
  };
}

/** What the router process and its parent say to each other over the IPC channel. */
export type RouterProcessMessage =
  | { type: 'listening'; port: number }
  | { type: 'start'; config: RouterConfig }
  | { type: 'ready'; metricsUrl?: string }
  | { type: 'failed'; message: string }
  | { type: 'close' };

const ENTRY = fileURLToPath(new URL('./router-process.ts', import.meta.url));
/** How long a router process may take to stop after it was asked to, before it is killed. */
const STOP_DEADLINE_MS = 10_000;

/**
 * The router in a child process of its own (`router-process.ts`), so that it does not share an event loop and a core
 * with the subgraphs and their embedded database. Its log lines go to this process's stdout. `onExit` hears of a
 * router process that stops without being asked to.
 */
export async function childProcessRouter(
  env: NodeJS.ProcessEnv,
  port: number,
  host: string,
  onExit?: (code: number | null) => void,
): Promise<RouterHost> {
  const child: ChildProcess = fork(ENTRY, [], {
    env: { ...env, PORT: String(port), HOST: host },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let closing = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then((code) => {
    if (!closing) onExit?.(code);
  });
  const next = <T extends RouterProcessMessage['type']>(type: T) =>
    new Promise<Extract<RouterProcessMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (m: RouterProcessMessage) => {
        if (m.type === 'failed') reject(new Error(`router process: ${m.message}`));
        else if (m.type === type) resolve(m as Extract<RouterProcessMessage, { type: T }>);
        else return;
        child.off('message', onMessage);
      };
      child.on('message', onMessage);
      void exited.then((code) => reject(new Error(`the router process exited (code ${code}) before it was ${type}`)));
    });
  const stop = async () => {
    closing = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    // A process that is exiting may still look connected: a message it can no longer take is a SIGTERM instead.
    if (child.connected) child.send({ type: 'close' } satisfies RouterProcessMessage, (err) => err && child.kill('SIGTERM'));
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    const { port: bound } = await next('listening');
    return {
      port: bound,
      async start(config) {
        const ready = next('ready');
        // A process gone meanwhile rejects `ready` (its exit); the failed send itself is not an error event.
        child.send({ type: 'start', config } satisfies RouterProcessMessage, () => {});
        return { metricsUrl: (await ready).metricsUrl };
      },
      close: stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
