import type { Server } from 'node:http';
import closeWithGrace from 'close-with-grace';

/**
 * How long a stopping process lets in-flight requests finish before it cuts the remaining connections. Kept
 * under the 10 s an orchestrator commonly waits between SIGTERM and SIGKILL, with room for closing the database.
 */
export const SHUTDOWN_GRACE_MS = 6_000;
/** Past this the process exits with 1 even if closing has not finished. */
export const SHUTDOWN_DEADLINE_MS = 9_000;

/**
 * Stops the process cleanly on SIGTERM, SIGINT (and the other termination signals), or after an uncaught error:
 * runs `close` once, then exits (0 after a signal, 1 after an error or when `close` overruns the deadline). A second
 * signal exits at once.
 */
export function closeOnSignals(
  close: () => Promise<void>,
  log: { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void },
): void {
  closeWithGrace(
    {
      delay: SHUTDOWN_DEADLINE_MS,
      logger: { error: (msg: unknown) => log.error({ err: msg }, 'shutdown') },
    },
    async ({ signal, err }) => {
      if (err) log.error({ err }, 'stopping after an uncaught error');
      else log.info({ signal }, 'stopping');
      await close();
    },
  );
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
