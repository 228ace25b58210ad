// The router of a stack started with `routerProcess: true` (npm start): forked by router-host.ts with an IPC channel.
// It listens at once (503 until started), says on which port, builds the router when the parent sends the
// configuration (the subgraphs are up by then), and stops when the parent says so. Ctrl-C reaches this process too,
// but the parent leads the shutdown (router first, then the subgraphs, then the database), so SIGINT is left to it;
// SIGTERM sent to this process alone, or a parent gone, stops it.
import { closeServer } from '@hub/kit/graceful';
import { parseRouterEnv } from '@hub/router/env';
import { buildRouter, listen, startingRouterServer, type RouterProcessMessage } from './router-host';

const send = (message: RouterProcessMessage) => process.send!(message);
// Forked before the parent has checked the settings (npm start forks it first): a bad setting is the parent's to
// report, once and without a stack trace; this process only says it could not start.
let early: ReturnType<typeof parseRouterEnv>;
try {
  early = parseRouterEnv(process.env);
} catch (err) {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}
const { server, handle } = startingRouterServer(early.server);
let router: Awaited<ReturnType<typeof buildRouter>> | undefined;
let stopping: Promise<void> | undefined;

function stop(): Promise<void> {
  stopping ??= (async () => {
    await closeServer(server);
    await router?.dispose();
    process.exit(0);
  })();
  return stopping;
}

process.on('SIGINT', () => {});
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
process.on('message', (message: RouterProcessMessage) => {
  if (message.type === 'close') void stop();
  if (message.type !== 'start') return;
  buildRouter(message.config, early.host, handle).then(
    (built) => {
      router = built;
      send({ type: 'ready', metricsUrl: built.metricsUrl });
    },
    (err: unknown) => send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }),
  );
});

try {
  send({ type: 'listening', port: await listen(server, early.port, early.host) });
  // The gateway's modules load while the parent migrates the database and starts the subgraphs, not after.
  await import('@hub/router');
} catch (err) {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}
