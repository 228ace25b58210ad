import { createConnection, createServer, type Server } from 'node:net';

/**
 * A TCP proxy in front of Postgres that counts the statements clients run: each simple-protocol Query ('Q') and
 * each extended-protocol Execute ('E') message is one. It reads only the frontend's message framing (a type byte
 * and a length) and passes every byte on unchanged. pg_stat_statements needs a server restart to load, and the
 * shared server is never restarted; this counts what Postgres receives, whatever the client library.
 */
export interface StatementCounter {
  port: number;
  count(): number;
  close(): Promise<void>;
}

/** Counts the messages of one frontend stream; the first message (startup or SSL request) has no type byte. */
export function frontendCounter(onStatement: () => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  let startup = true;
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (startup) {
        if (pending.length < 4) return;
        const length = pending.readInt32BE(0);
        if (pending.length < length) return;
        const code = length >= 8 ? pending.readInt32BE(4) : 0;
        pending = pending.subarray(length);
        // SSLRequest / GSSENCRequest are followed by another startup message.
        if (code !== 80877103 && code !== 80877104) startup = false;
        continue;
      }
      if (pending.length < 5) return;
      const length = pending.readInt32BE(1);
      if (pending.length < length + 1) return;
      const type = String.fromCharCode(pending[0]!);
      if (type === 'Q' || type === 'E') onStatement();
      pending = pending.subarray(length + 1);
    }
  };
}

export async function startStatementCounter(target: { host: string; port: number }): Promise<StatementCounter> {
  let statements = 0;
  const sockets = new Set<{ destroy(): void }>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(target);
    sockets.add(client).add(upstream);
    const count = frontendCounter(() => statements++);
    client.on('data', (chunk) => {
      count(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    count: () => statements,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
