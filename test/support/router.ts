import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter, parseRouterEnv } from '@hub/router';
import type { Stack } from '../../scripts/stack';

export interface ExtraRouter {
  url: string;
  token(body: Record<string, string>): Promise<string>;
  graphql(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * A second router over a running stack's subgraphs, with its own environment and some subgraphs' URLs
 * replaced (by a proxy that injects faults, say). It has its own dev issuer: get tokens from it.
 */
export async function startExtraRouter(
  stack: Stack,
  options: { subgraphUrls?: Record<string, string>; env?: Record<string, string> } = {},
): Promise<ExtraRouter> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const config = parseRouterEnv({
    PORT: String(port),
    PUBLIC_URL: stack.publicUrl,
    LOG_LEVEL: 'silent',
    ROUTER_SIGNING_SECRET: stack.settings.signingSecret,
    ...options.env,
  });
  const router = await createRouter({ config: { ...config, subgraphUrls: { ...stack.subgraphUrls, ...options.subgraphUrls } } });
  server.on('request', router.listener);
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/graphql`,
    async token(body) {
      const res = await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return ((await res.json()) as { access_token: string }).access_token;
    },
    async graphql(query, variables, token) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await router.dispose();
    },
  };
}

export type Fault = (req: IncomingMessage, res: ServerResponse, body: Buffer) => 'pass' | 'handled';

/** A proxy in front of one subgraph that lets `fault` answer (or hang) instead; counts what it saw. */
export async function startFaultProxy(target: string, fault: Fault) {
  const seen: string[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    seen.push(body.toString());
    if (fault(req, res, body) === 'handled') return;
    const upstream = await fetch(target, {
      method: req.method,
      headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>,
      body,
    });
    const headers = Object.fromEntries(
      [...upstream.headers].filter(([k]) => !['content-length', 'content-encoding', 'transfer-encoding'].includes(k)),
    );
    res.writeHead(upstream.status, headers);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    seen,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
