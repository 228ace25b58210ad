import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExtraRouter, startFaultProxy } from '../support/router';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await stack?.close();
});

const ME = 'query Me { me { urn name } }';
const REQUEST_ACCESS = `mutation RequestAccess($input: RequestAccessInput!) { requestAccess(input: $input) { id status } }`;

async function routerWith(name: string, fault: Parameters<typeof startFaultProxy>[1], env: Record<string, string> = {}) {
  const proxy = await startFaultProxy(stack.subgraphUrls[name]!, fault);
  const router = await startExtraRouter(stack, { subgraphUrls: { [name]: proxy.url }, env });
  closers.push(proxy.close, router.close);
  return { proxy, router };
}

describe('the router and a failing subgraph', () => {
  it('retries a query once when the subgraph fails, and answers', async () => {
    let calls = 0;
    const { proxy, router } = await routerWith('parties', (_req, res) => {
      if (++calls > 1) return 'pass';
      res.writeHead(503).end('down');
      return 'handled';
    });
    const kari = await router.token({ pid: '17857210042' });
    const { body } = await router.graphql(ME, {}, kari);
    expect(body.errors).toBeUndefined();
    expect(body.data.me.name).toBe('KARI NORDMANN');
    expect(proxy.seen.filter((b) => b.includes('me'))).toHaveLength(2);
  });

  it('never repeats a mutation', async () => {
    const { proxy, router } = await routerWith('delegations', (_req, res) => {
      res.writeHead(503).end('down');
      return 'handled';
    });
    const siri = await router.token({ pid: '25890150058' });
    const input = { from: 'urn:altinn:organization:identifier-no:310000507', resource: 'ske-mva-melding', actions: ['read'], message: 'retry?' };
    const { body } = await router.graphql(REQUEST_ACCESS, { input }, siri);
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(proxy.seen.filter((b) => b.includes('requestAccess'))).toHaveLength(1);
  });

  it('gives up on a hanging subgraph after its timeout (and one retry) instead of waiting for ever', async () => {
    const { router } = await routerWith('parties', () => 'handled', { SUBGRAPH_TIMEOUT_MS: '800' });
    const kari = await router.token({ pid: '17857210042' });
    const started = Date.now();
    const { status, body } = await router.graphql(ME, {}, kari);
    const ms = Date.now() - started;
    // 504: nothing of the answer could be had in time, and the code says so.
    expect(status).toBe(504);
    expect(body.errors[0].extensions.code).toBe('GATEWAY_TIMEOUT');
    expect(body.data?.me ?? null).toBeNull();
    expect(ms).toBeGreaterThanOrEqual(800);
    expect(ms).toBeLessThan(2 * 800 + 1_500);
  });
});
