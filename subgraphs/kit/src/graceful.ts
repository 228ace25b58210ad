import type { Server } from 'node:http';
import closeWithGrace from 'close-with-grace';

/**
 * How long a stopping process lets in-flight requests finish before it cuts the remaining connections. Kept
 * under the 10 s an orchestrator commonly waits between SIGTERM and SIGKILL, with room for closing the database.
 */
export const SHUTDOWN_GRACE_MS = 6_000;
/** Past this the process exits with 1 even if closing has not finished. */
export const SHUTDOWN_DEADLINE_MS = 9_000;

/** Repeats of the stopping signal within this time are the same request, not an impatient operator. */
const REPEATED_SIGNAL_MS = 1_000;

/**
 * Stops the process cleanly on SIGTERM or SIGINT, or after an uncaught error: runs `close` once, then exits (0 after a
 * signal, 1 after an error or when `close` overruns the deadline). Ctrl-C in a terminal reaches the process twice (from
 * the terminal, and forwarded by npm), so a repeat within a second is ignored; a later one exits at once.
 */
export function closeOnSignals(
  close: () => Promise<void>,
  log: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void },
): void {
  const grace = closeWithGrace(
    {
      delay: SHUTDOWN_DEADLINE_MS,
      logger: { error: (msg: unknown) => log.error({ err: msg }, 'shutdown') },
      skip: ['SIGINT', 'SIGTERM'],
    },
    async ({ err }) => {
      if (err) log.error({ err }, 'stopping after an uncaught error');
      await close();
    },
  );
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!firstSignalAt) {
      firstSignalAt = Date.now();
      log.info({ signal }, 'stopping');
      grace.close();
    } else if (Date.now() - firstSignalAt > REPEATED_SIGNAL_MS) {
      log.error({ signal }, 'second signal while stopping: exiting now');
      process.exit(1);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Closes an HTTP server the way a deployment needs it: no new connections, idle keep-alive connections closed at
 * once, requests in flight allowed to finish (their connections close when they are answered), and whatever is
 * still open after `graceMs` cut.
 */
export function closeServer(server: Server, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    // Connections that finish their request while we wait become idle; close those as they appear.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Reads the configuration, or stops the process with the message that names what is wrong (and no stack
 * trace: it is an operator's mistake, not a bug).
 */
export function configOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
