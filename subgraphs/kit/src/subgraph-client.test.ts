import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, verifyBodySignature } from './signature';
import { callSubgraph, postToSubgraph, REQUEST_ID_HEADER } from './subgraph-client';

const SECRET = 's'.repeat(40);
let server: Server;
let base: string;
/** What the last request to /graphql carried. */
let seen: { signature?: string; requestId?: string; body: string } | undefined;
/** Resolves when the hanging route's request is closed by the caller. */
let hangClosed: Promise<void>;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  let closed!: () => void;
  hangClosed = new Promise((resolve) => (closed = resolve));
  server = createServer(async (req, res) => {
    if (req.url === '/hang') {
      res.on('close', closed);
      return; // never answers
    }
    const body = await readBody(req);
    seen = { signature: req.headers[SIGNATURE_HEADER] as string, requestId: req.headers[REQUEST_ID_HEADER] as string, body };
    const check = verifyBodySignature(SECRET, seen.signature, body);
    res.statusCode = check.ok ? 200 : 401;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify(
        check.ok ? { data: { echo: JSON.parse(body) } } : { errors: [{ message: check.reason, extensions: { code: 'UNAUTHENTICATED' } }] },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the signed subgraph client', () => {
  it('signs the exact body it sends, verifiable with the shared secret, and carries viewer and request id', async () => {
    const res = await callSubgraph<{ echo: any }>(`${base}/graphql`, SECRET, {
      query: '{ a }',
      variables: { x: 1 },
      viewerClaims: { sub: 'p' },
      requestId: 'req-1',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.echo).toEqual({ query: '{ a }', variables: { x: 1 }, extensions: { jwt: { payload: { sub: 'p' } } } });
    expect(verifyBodySignature(SECRET, seen!.signature, seen!.body)).toEqual({ ok: true });
    expect(verifyBodySignature('o'.repeat(40), seen!.signature, seen!.body)).toMatchObject({ ok: false });
    expect(seen!.requestId).toBe('req-1');
  });

  it('is refused by a subgraph holding another secret', async () => {
    const res = await postToSubgraph(`${base}/graphql`, 'o'.repeat(40), { query: '{ a }' });
    expect(res.status).toBe(401);
  });

  it('aborts a call past timeoutMs with a TimeoutError, closing the connection', async () => {
    const started = Date.now();
    await expect(postToSubgraph(`${base}/hang`, SECRET, { query: '{ a }', timeoutMs: 150 })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(2_000);
    await hangClosed;
  });

  it("aborts when the caller's signal does, before the timeout", async () => {
    const controller = new AbortController();
    const call = postToSubgraph(`${base}/hang`, SECRET, { query: '{ a }', timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('rejects on a network failure', async () => {
    await expect(postToSubgraph('http://127.0.0.1:9/graphql', SECRET, { query: '{ a }', timeoutMs: 1_000 })).rejects.toThrow();
  });
});
