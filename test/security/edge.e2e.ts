import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEV_ROUTER_SECRET } from '@hub/kit';
import { parseRouterEnv } from '@hub/router';
import { productionEnv, startTestIssuers, type TestIssuers } from '../support/issuers';
import { startTestStack, type TestStack } from '../support/stack';
import { signedSubgraphRequest } from '../support/subgraph';

let stack: TestStack;
let base: string;
beforeAll(async () => {
  stack = await startTestStack({ env: { HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000' } });
  base = stack.url.replace(/\/graphql$/, '');
});
afterAll(() => stack?.close());

const post = (body: unknown, token?: string) =>
  fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('metrics', () => {
  it('do not grow with client-chosen operation names, and never show a subgraph’s URL', async () => {
    const token = await stack.personToken('kari');
    const series = async () => (await (await fetch(`${base}/metrics`)).text()).split('\n').filter((l) => l && !l.startsWith('#')).length;
    await post({ query: 'query Warm { me { name } }' }, token);
    const before = await series();
    for (let i = 0; i < 500; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) => post({ query: `query Op${i + j} { me { name } }`, operationName: `Op${i + j}` }, token)),
      );
    }
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(await series()).toBe(before);
    expect(text).not.toContain('Op499');
    for (const url of Object.values(stack.subgraphUrls)) expect(text).not.toContain(new URL(url).host);
  }, 120_000); // 500 requests: ~15 s on a quiet 2-core machine, far more on a busy one
});

describe('slow clients', () => {
  it('has header and request timeouts of at most 30 seconds by default, and a connection cap', () => {
    const { server } = parseRouterEnv({});
    expect(server.headersTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(server.requestTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(server.maxConnections).toBeGreaterThan(0);
  });

  it('closes 100 connections that send 4 bytes and stall', { timeout: 20_000 }, async () => {
    const { port } = new URL(base);
    const sockets: Socket[] = [];
    onTestFinished(() => sockets.forEach((s) => s.destroy()));
    const closed = await Promise.all(
      Array.from(
        { length: 100 },
        () =>
          new Promise<number>((resolve) => {
            const started = Date.now();
            const socket = connect(Number(port), '127.0.0.1', () => socket.write('POST'));
            socket.on('error', () => {});
            // Read what the server says (its 408), as a client does; an unread socket never sees the close.
            socket.resume();
            socket.on('close', () => resolve(Date.now() - started));
            sockets.push(socket);
          }),
      ),
    );
    expect(Math.max(...closed)).toBeLessThan(10_000);
  });
});

describe('document limits', () => {
  it('counts __typename aliases', async () => {
    const query = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const json = (await (await post({ query })).json()) as any;
    expect(json.data ?? null).toBeNull();
    expect(json.errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
    expect(json.errors[0].message).toMatch(/alias/i);
  });

  it('measures depth as the fields really nest through fragments', async () => {
    const chain = `query Chain { me { ...A } }
      fragment A on Party { parent { ...B } } fragment B on Party { parent { ...C } }
      fragment C on Party { parent { ...D } } fragment D on Party { parent { name } }`;
    const json = (await (await post({ query: chain }, await stack.personToken('kari'))).json()) as any;
    expect(json.errors).toBeUndefined();
    const deep = `{ me { ${'parent { '.repeat(15)}name${' }'.repeat(15)} } }`;
    const refused = (await (await post({ query: deep })).json()) as any;
    expect(refused.errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
    expect(refused.errors[0].message).toMatch(/depth/i);
  });

  it('gives the token limit a code too', async () => {
    const json = (await (await post({ query: `{ me { ${'name '.repeat(3000)}} }` })).json()) as any;
    expect(json.errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
  });
});

describe('GET /graphql', () => {
  it.each(['variables', 'extensions'])('answers malformed %s with 400', async (name) => {
    const res = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}&${name}=%7Bbad`, {
      headers: { 'graphql-preflight': '1' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('in production', () => {
  let issuers: TestIssuers;
  let prod: TestStack;
  const env = () => productionEnv(issuers, { METRICS_PORT: '0' });
  beforeAll(async () => {
    issuers = await startTestIssuers();
    prod = await startTestStack({ env: env() });
  });
  afterAll(async () => {
    await prod?.close();
    await issuers?.close();
  });
  const prodPost = async (query: string, token?: string) => {
    const res = await fetch(prod.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, text: await res.text() };
  };

  it('serves metrics only on the internal port', async () => {
    expect((await fetch(prod.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
    expect(prod.metricsUrl).toBeDefined();
    const res = await fetch(prod.metricsUrl!);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/graphql_yoga_http_duration/);
  });

  it('signs subgraph requests with the configured secret, never the development one', async () => {
    const query = { query: '{ __typename }' };
    expect((await signedSubgraphRequest(prod.subgraphUrls.parties!, query, { secret: DEV_ROUTER_SECRET })).status).toBe(401);
    expect((await signedSubgraphRequest(prod.subgraphUrls.parties!, query, { secret: env().ROUTER_SIGNING_SECRET })).status).toBe(200);
  });

  it('shows no service names, original errors or parser internals', async () => {
    const banken = await issuers.maskinporten.sign({ consumer: { authority: 'iso6523-actorid-upis', ID: '0192:310000108' }, scope: '' });
    for (const query of ['{ me { name ', '{ me { nosuchfield } }', '{ a: me { name } b: me { urn } }', 'query { __schema { types { name } } }']) {
      const { text } = await prodPost(query, banken);
      expect(text).not.toMatch(/serviceName|originalError|stacktrace|\bat .*\.ts:\d+/);
    }
  });

  it('answers two refusals from one subgraph as FORBIDDEN, never INTERNAL', async () => {
    const banken = await issuers.maskinporten.sign({ consumer: { authority: 'iso6523-actorid-upis', ID: '0192:310000108' }, scope: '' });
    const ask =
      '[{ subject: "urn:altinn:person:identifier-no:17857210042", party: "urn:altinn:organization:identifier-no:310000507", resource: "ske-mva-melding", action: "sign" }]';
    const { text } = await prodPost(`{ a: authorize(requests: ${ask}) { decision } b: authorize(requests: ${ask}) { decision } }`, banken);
    const json = JSON.parse(text);
    expect(json.errors.length).toBeGreaterThan(0);
    expect(json.errors.map((e: any) => e.extensions?.code)).toEqual(json.errors.map(() => 'FORBIDDEN'));
    expect(text).not.toMatch(/serviceName|originalError/);
  });
});
