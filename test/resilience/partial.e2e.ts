import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_FIVE, expectWhole, FIELD_OF, hakonHasGivenAConsent } from '../support/all-five';
import { startExtraRouter, startFaultProxy } from '../support/router';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let deadUrl: string;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  stack = await startTestStack();
  // A port nothing listens on: a killed subgraph.
  const dead = createServer();
  await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/graphql`;
  await new Promise<void>((resolve) => dead.close(() => resolve()));
  const [banken, hakon] = await Promise.all([stack.token({ client: 'banken-system' }), stack.personToken('hakon')]);
  await hakonHasGivenAConsent(stack.graphql, banken, hakon);
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await stack?.close();
});

async function askWithout(name: string | null, query = ALL_FIVE) {
  const router = await startExtraRouter(stack, { subgraphUrls: name ? { [name]: deadUrl } : {} });
  closers.push(router.close);
  return router.graphql(query, {}, await router.token({ pid: '12888510018' }));
}

describe('partial results with one subgraph dead', () => {
  let whole: Record<string, unknown>;
  it('answers the whole query with every subgraph up', async () => {
    const { body } = await askWithout(null);
    whole = expectWhole(body);
  });

  for (const [name, field] of Object.entries(FIELD_OF)) {
    it(`keeps the other four's data when ${name} is dead, with an error naming ${name} at ${field}`, async () => {
      const { status, body } = await askWithout(name);
      expect(status).toBe(200);
      expect(body.data.me).toEqual({ ...whole, [field]: null });
      expect(body.errors).toEqual([
        {
          message: expect.stringContaining(`The ${name} service is unavailable`),
          path: ['me', field],
          extensions: { code: 'UNAVAILABLE', service: name },
        },
      ]);
    });
  }

  it('names parties when parties is dead; the other four still answer their own fields', async () => {
    const { body } = await askWithout('parties');
    expect(body.data).toEqual({ me: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['me'], extensions: { code: 'UNAVAILABLE', service: 'parties' } })]);
    // `me` itself comes from parties; what the others serve without it is still there.
    const others = `{ me { urn } roles { code } serviceContexts { id } authorize(requests: []) { decision } consentSigningKeys }`;
    const res = await askWithout('parties', others);
    expect(res.body.data.me).toBeNull();
    expect(res.body.data.roles.length).toBeGreaterThan(0);
    expect(res.body.data.serviceContexts.length).toBeGreaterThan(0);
    expect(res.body.data.authorize).toEqual([]);
    expect(res.body.data.consentSigningKeys).toEqual({ keys: expect.any(Array) });
    expect(res.body.errors.map((e: { extensions: { service?: string } }) => e.extensions.service)).toEqual(['parties']);
  });

  it("keeps the other four's data when evidence hangs past the router's timeout, with the error at evidenceRetrievals", async () => {
    const proxy = await startFaultProxy(stack.subgraphUrls.evidence!, () => 'handled');
    const router = await startExtraRouter(stack, { subgraphUrls: { evidence: proxy.url }, env: { SUBGRAPH_TIMEOUT_MS: '800' } });
    closers.push(proxy.close, router.close);
    const { body } = await router.graphql(ALL_FIVE, {}, await router.token({ pid: '12888510018' }));
    expect(body.data.me).toEqual({ ...whole, evidenceRetrievals: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['me', 'evidenceRetrievals'], extensions: { code: 'GATEWAY_TIMEOUT' } })]);
  });

  it('passes nothing of the failed subrequest (viewer claims, query) to the caller', async () => {
    const { body } = await askWithout('evidence');
    expect(JSON.stringify(body.errors)).not.toMatch(/jwt|representations|12888510018|127\.0\.0\.1/);
  });
});
