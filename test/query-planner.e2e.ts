import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_OPERATIONS_PATH } from '@hub/schema/paths';
import { startExtraRouter, type ExtraRouter } from './support/router';
import { startTestStack, type TestStack } from './support/stack';

// QUERY_PLANNER=rust (Hive Router's query planner) must give the very answers of the gateway's own planner.
const CONTRACT = readFileSync(CONTRACT_OPERATIONS_PATH, 'utf8');
const KARI = { pid: '17857210042' };
const SERVICE_OWNER = { client: 'skatteetaten-system' };
const TRANA_BYGG = 'urn:altinn:organization:identifier-no:310000507';

/** Contract operations by name, with the token they need: person views across every subgraph, errors included. */
const CASES: [string, Record<string, string>, Record<string, unknown>?][] = [
  ['PartyByUrn', KARI, { urn: TRANA_BYGG }],
  ['Me', KARI],
  ['MyAccess', KARI],
  ['MyConsents', KARI],
  ['PartyRoleHolders', KARI, { urn: TRANA_BYGG }],
  ['AccessOverview', KARI, { urn: TRANA_BYGG }],
  ['PartyRoleHolders', KARI, { urn: 'urn:altinn:organization:identifier-no:310000108' }],
  [
    'Authorize',
    SERVICE_OWNER,
    { requests: [{ subject: 'urn:altinn:person:identifier-no:17857210042', party: TRANA_BYGG, resource: 'ske-mva-melding', action: 'sign' }] },
  ],
  ['EvidenceCodes', SERVICE_OWNER, {}],
];

let stack: TestStack;
let rust: ExtraRouter;
let js: ExtraRouter;
beforeAll(async () => {
  stack = await startTestStack();
  rust = await startExtraRouter(stack, { env: { QUERY_PLANNER: 'rust' } });
  js = await startExtraRouter(stack, { env: { QUERY_PLANNER: 'js' } });
});
afterAll(async () => {
  await rust?.close();
  await js?.close();
  await stack?.close();
});

async function ask(router: ExtraRouter, operationName: string, token: string, variables?: Record<string, unknown>) {
  const res = await fetch(router.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: CONTRACT, operationName, variables }),
  });
  return { status: res.status, body: await res.json() };
}

describe('the Rust query planner', () => {
  it.each(CASES)('answers %s exactly as the gateway’s own planner does', async (operation, who, variables) => {
    const [fromRust, fromJs] = await Promise.all([
      ask(rust, operation, await rust.token(who), variables),
      ask(js, operation, await js.token(who), variables),
    ]);
    expect(fromRust).toEqual(fromJs);
    expect(fromJs.status).toBe(200);
  });

  it('keeps every answer right under 200 concurrent requests with distinct tokens', async () => {
    const tokens = await Promise.all(Array.from({ length: 20 }, () => rust.token(KARI)));
    const expected = (await ask(js, 'MyAccess', await js.token(KARI))).body;
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => ask(rust, 'MyAccess', tokens[i % tokens.length]!)));
    expect(answers.filter((a) => a.status !== 200 || JSON.stringify(a.body) !== JSON.stringify(expected))).toEqual([]);
  });
});
