import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT, URN } from '../support/consents';
import { accredit, byCode, HARVEST, sblInput } from '../support/evidence';
import { startFaultProxy } from '../support/router';
import { startTestStack, type TestStack } from '../support/stack';

const BUDGET_MS = 1500;
let stack: TestStack;
let consentsUrl: string;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  stack = await startTestStack({ env: { EVIDENCE_SOURCE_TIMEOUT_MS: String(BUDGET_MS) } });
  consentsUrl = stack.subgraphUrls.consents!;
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await stack?.close();
});

/** An accepted sbl accreditation (consents up), then harvested with the evidence subgraph's consents at `url`. */
async function harvestWithConsentsAt(url: string) {
  const [banken, hakon] = await Promise.all([stack.token({ client: 'banken-system' }), stack.personToken('hakon')]);
  const acc = await accredit(stack, sblInput(URN.hakon), banken);
  expect(acc.consentRequests.length).toBeGreaterThan(0);
  for (const c of acc.consentRequests) expect((await stack.graphql(ACCEPT, { id: c.id }, hakon)).body.errors).toBeUndefined();
  // The stack's subgraph URLs are what the evidence subgraph resolves `consents` through.
  stack.subgraphUrls.consents = url;
  try {
    const started = Date.now();
    const { body } = await stack.graphql(HARVEST, { id: acc.id }, banken);
    return { body, ms: Date.now() - started };
  } finally {
    stack.subgraphUrls.consents = consentsUrl;
  }
}

function expectUnavailableNotDenied(body: { data?: any; errors?: unknown }, reason: RegExp) {
  expect(body.errors).toBeUndefined();
  const evidence = body.data.accreditation.evidence as { code: string; status: string; reason: string | null; retryAt: string | null }[];
  const ev = byCode(evidence);
  // Every sbl code rests on HÅKON's consent, so none can be harvested without a token; none is a refusal either.
  expect(evidence.map((e) => e.status)).not.toContain('DENIED');
  for (const e of Object.values(ev)) {
    expect(e).toMatchObject({ status: 'UNAVAILABLE', retryAt: expect.any(String) });
    expect(e.reason).toMatch(reason);
    expect(Date.parse(e.retryAt!)).toBeGreaterThan(Date.now());
  }
}

describe('the evidence subgraph when consents fails', () => {
  it('answers UNAVAILABLE with retryAt, within the source budget, when consents hangs', async () => {
    const proxy = await startFaultProxy(consentsUrl, () => 'handled');
    closers.push(proxy.close);
    const { body, ms } = await harvestWithConsentsAt(proxy.url);
    expectUnavailableNotDenied(body, new RegExp(`did not answer within ${BUDGET_MS} ms`));
    expect(proxy.seen.some((b) => b.includes('issueConsentToken'))).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(BUDGET_MS - 100);
    expect(ms).toBeLessThan(BUDGET_MS + 2000);
  });

  it('answers UNAVAILABLE with retryAt at once when consents is down', async () => {
    const dead: Server = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const { body, ms } = await harvestWithConsentsAt(`http://127.0.0.1:${port}/graphql`);
    expectUnavailableNotDenied(body, /could not be reached/);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it('still harvests once consents is back', async () => {
    const { body } = await harvestWithConsentsAt(consentsUrl);
    expect(body.errors).toBeUndefined();
    const ev = byCode(body.data.accreditation.evidence as { code: string; status: string }[]);
    expect(ev.SummertSkattegrunnlag).toMatchObject({ status: 'AVAILABLE' });
  });
});
