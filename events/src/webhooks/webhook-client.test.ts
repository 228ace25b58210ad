import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { isIP, type AddressInfo, type LookupFunction } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AddressRefused, createWebhookClient, type WebhookClient } from './webhook-client';

// Real receivers on 127.0.0.1: a request the client refuses never reaches them.
let server: Server;
let port: number;
const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    received.push({ url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    if (req.url === '/moved') res.writeHead(302, { location: '/hook' }).end();
    else if (req.url === '/long') res.writeHead(500).end('x'.repeat(10_000));
    else if (req.url === '/silent') return;
    else res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const clients: WebhookClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  received.length = 0;
});
const client = (allowPrivateAddresses: boolean, lookup?: LookupFunction) => {
  const c = createWebhookClient({ allowPrivateAddresses, lookup });
  clients.push(c);
  return c;
};
const post = (c: WebhookClient, url: string, timeoutMs = 3000) => c.post(url, { headers: { 'webhook-id': 'evt-1' }, body: '{"a":1}', timeoutMs });

/** A resolver that answers `addresses` for every name, and notes each question. */
function answering(addresses: string[], asked: string[]): LookupFunction {
  return (hostname, options, callback) => {
    asked.push(hostname);
    if (options.all)
      callback(
        null,
        addresses.map((address) => ({ address, family: isIP(address) })),
      );
    else callback(null, addresses[0]!, isIP(addresses[0]!));
  };
}

describe('the webhook client', () => {
  it('delivers to a local receiver when private addresses are allowed', async () => {
    const answer = await post(client(true), `http://127.0.0.1:${port}/hook`);
    expect(answer).toEqual({ status: 204, body: '' });
    expect(received).toMatchObject([{ url: '/hook', body: '{"a":1}', headers: { 'webhook-id': 'evt-1', 'content-length': '7' } }]);
  });

  it('follows no redirect, and keeps only the start of a long body', async () => {
    const c = client(true);
    expect(await post(c, `http://127.0.0.1:${port}/moved`)).toEqual({ status: 302, body: '' });
    expect(received.map((r) => r.url)).toEqual(['/moved']);
    expect(await post(c, `http://127.0.0.1:${port}/long`)).toEqual({ status: 500, body: 'x'.repeat(200) });
  });

  it('refuses an internal address written in the URL, before connecting: the receiver gets nothing', async () => {
    const c = client(false);
    await expect(post(c, `http://127.0.0.1:${port}/hook`)).rejects.toThrow(new AddressRefused('127.0.0.1 is not a public address'));
    // URL writes an IPv4-mapped address in hex; it is loopback all the same.
    await expect(post(c, `http://[::ffff:127.0.0.1]:${port}/hook`)).rejects.toThrow(new AddressRefused('::ffff:7f00:1 is not a public address'));
    await expect(post(c, `http://0x7f.1:${port}/hook`)).rejects.toThrow(AddressRefused);
    expect(received).toEqual([]);
  });

  it('refuses localhost, which resolves to loopback', async () => {
    const refusal = await post(client(false), `http://localhost:${port}/hook`).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(AddressRefused);
    expect((refusal as Error).message).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is not a public address$/);
    expect(received).toEqual([]);
  });

  it('checks what a name resolves to when connecting, and connects to exactly that address', async () => {
    const asked: string[] = [];
    // hook.test resolves nowhere but here: a connection that reaches the receiver used this answer, asked once.
    const toLoopback = answering(['127.0.0.1'], asked);
    await expect(post(client(false, toLoopback), `http://hook.test:${port}/hook`)).rejects.toThrow(
      new AddressRefused('hook.test resolves to 127.0.0.1, which is not a public address'),
    );
    expect(received).toEqual([]);
    expect(await post(client(true, toLoopback), `http://hook.test:${port}/hook`)).toMatchObject({ status: 204 });
    expect(received).toMatchObject([{ url: '/hook', headers: { host: `hook.test:${port}` } }]);
    expect(asked).toEqual(['hook.test', 'hook.test']);
  });

  it('refuses a name with any non-public address among its answers', async () => {
    const mixed = answering(['93.184.215.14', '10.0.0.5'], []);
    await expect(post(client(false, mixed), `http://mixed.test:${port}/hook`, 500)).rejects.toThrow(
      new AddressRefused('mixed.test resolves to 10.0.0.5, which is not a public address'),
    );
  });

  it('gives up when no answer comes in time', async () => {
    const err = await post(client(true), `http://127.0.0.1:${port}/silent`, 200).catch((e: unknown) => e);
    expect((err as Error).name).toMatch(/^(AbortError|TimeoutError)$/);
    expect(received.map((r) => r.url)).toEqual(['/silent']);
  });
});
