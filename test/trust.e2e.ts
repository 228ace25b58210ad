import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {} from '@hub/db';
import { loadStoryIds, partyUuid } from './support/story-ids';
import { DEV_ROUTER_SECRET, SIGNATURE_HEADER, signBody } from '@hub/kit';
import { startTestStack, type TestStack } from './support/stack';
import { signedSubgraphRequest } from './support/subgraph';

const logLines: Record<string, unknown>[] = [];
const logSink = new Writable({
  write(chunk, _enc, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    done();
  },
});

let stack: TestStack;
let partiesUrl: string;
beforeAll(async () => {
  stack = await startTestStack({ logLevel: 'debug', logDestination: logSink });
  await loadStoryIds(stack);
  partiesUrl = stack.subgraphUrls.parties!;
});
afterAll(() => stack?.close());

const kari = { pid: '17857210042' };

describe('trust between router and subgraphs', () => {
  it('serves a request signed with the router secret', async () => {
    const res = await signedSubgraphRequest(partiesUrl, { query: '{ me { name } }', viewer: kari });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { me: { name: 'KARI NORDMANN' } } });
  });

  it.each([
    ['no signature', (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })],
    [
      'a signature made with another secret',
      (url: string, body: string) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody('x'.repeat(40), body) }, body }),
    ],
    [
      'an expired signature',
      (url: string, body: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(DEV_ROUTER_SECRET, body, Date.now() - 120_000) },
          body,
        }),
    ],
    ['a GET with a query string', (url: string) => fetch(`${url}?query=${encodeURIComponent('{ _service { sdl } }')}`)],
  ])('refuses %s with 401 before running anything', async (_name, send) => {
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const res = await send(partiesUrl, body);
    expect(res.status).toBe(401);
    const json = (await res.json()) as any;
    expect(json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(json)).not.toContain('type Party');
  });

  it('refuses a signed request whose body was changed afterwards (a forged viewer)', async () => {
    const res = await signedSubgraphRequest(
      partiesUrl,
      { query: '{ me { name } }', viewer: kari },
      { tamper: (body) => body.replace('17857210042', '12888510018') },
    );
    expect(res.status).toBe(401);
  });

  it('closes _entities and introspection to direct callers, opens them to the router', async () => {
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { name } } }`;
    const variables = { r: [{ __typename: 'Party', id: partyUuid('310000507') }] };
    const unsigned = await fetch(partiesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: entities, variables }),
    });
    expect(unsigned.status).toBe(401);
    const signed = await signedSubgraphRequest(partiesUrl, { query: entities, variables, viewer: kari });
    expect(signed.body.data._entities).toEqual([{ name: 'TRANA BYGG AS' }]);
  });

  it('guards entity fields even for signed _entities calls: no viewer, no data', async () => {
    const res = await signedSubgraphRequest(partiesUrl, {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Party { name } } }`,
      variables: { r: [{ __typename: 'Party', id: partyUuid('310000507') }] },
    });
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('carries the request id from the router to the subgraph', async () => {
    const requestId = `test-${Date.now()}`;
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, authorization: `Bearer ${await stack.personToken('kari')}` },
      body: JSON.stringify({ query: 'query Me { me { name } }', operationName: 'Me' }),
    });
    expect(res.headers.get('x-request-id')).toBe(requestId);
    expect(logLines.some((l) => l.service === 'parties' && l.requestId === requestId)).toBe(true);
  });
});
