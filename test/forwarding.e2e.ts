import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation } from './support/contract';
import { startExtraRouter, type ExtraRouter } from './support/router';
import { startTestStack, type TestStack } from './support/stack';

// The router’s forwarding of single-subgraph queries and composing of multi-subgraph ones (router/src/forwarding/):
// every answer must be the one the gateway gives without them (an extra router over the same subgraphs with
// FORWARDING=off), whether forwarded, composed or neither.

const KARI = { pid: '17857210042' };
const SERVICE_OWNER = { client: 'skatteetaten-system' };
const TRANA = 'urn:altinn:organization:identifier-no:310000507';
const person = (pid: string) => `urn:altinn:person:identifier-no:${pid}`;

interface Case {
  name: string;
  who: Record<string, string>;
  body: Record<string, unknown>;
  accept?: string;
  /** The subgraph that answers it alone, when it is forwarded. */
  forwardedTo?: string;
  /** Whether the router composes its answer from several subgraphs past the gateway (composer.ts). */
  composed?: boolean;
}

const CASES: Case[] = [
  {
    name: 'PartyByUrn (parties alone)',
    who: KARI,
    body: { query: contractOperation('PartyByUrn'), variables: { urn: TRANA }, operationName: 'PartyByUrn' },
    forwardedTo: 'parties',
  },
  {
    name: 'Authorize (delegations alone)',
    who: SERVICE_OWNER,
    body: {
      query: contractOperation('Authorize'),
      variables: {
        requests: [
          { subject: person(KARI.pid), party: TRANA, resource: 'ske-mva-melding', action: 'sign' },
          { subject: person('28834411409'), party: TRANA, resource: 'ske-mva-melding', action: 'sign' },
        ],
      },
    },
    forwardedTo: 'delegations',
  },
  {
    name: 'aliases, a fragment and a variable in one query',
    who: KARI,
    body: {
      query:
        'query Two($a: String!) { first: party(urn: $a) { ...P } again: party(urn: $a) { __typename name } } fragment P on Party { urn name subunits { urn } }',
      variables: { a: TRANA },
    },
    accept: 'application/graphql-response+json',
    forwardedTo: 'parties',
  },
  { name: 'MyAccess (three subgraphs, composed)', who: KARI, body: { query: contractOperation('MyAccess') }, composed: true },
  {
    name: 'me with roles, delegations and consents, aliases and a fragment across subgraphs (composed)',
    who: { pid: '12888510018' },
    body: {
      query:
        'query Three($n: Int!) { me { ...Who held: rolesHeld { role { code } from { urn name } } consentsGiven(first: $n) { id status to { urn } } } } fragment Who on Party { name urn delegationsReceived { id from { urn } actions } }',
      variables: { n: 5 },
    },
    accept: 'application/graphql-response+json',
    composed: true,
  },
  {
    name: 'two root fields of two subgraphs (composed)',
    who: KARI,
    body: { query: 'query Two($u: String!) { party(urn: $u) { name rolesHeld { role { code } } } me { urn } }', variables: { u: TRANA } },
    composed: true,
  },
  {
    name: 'a composed query with a variable of the wrong type (the gateway answers)',
    who: KARI,
    body: { query: 'query Two($u: String!) { party(urn: $u) { name rolesHeld { role { code } } } me { urn } }', variables: { u: 7 } },
  },
  {
    name: 'a party the viewer may not see, across subgraphs (an error: the gateway answers)',
    who: { pid: '28834411409' },
    body: { query: 'query Two($u: String!) { party(urn: $u) { name rolesHeld { role { code } } } me { urn } }', variables: { u: TRANA } },
  },
  {
    name: '@include across subgraphs (the gateway plans it)',
    who: KARI,
    body: { query: 'query I($y: Boolean!) { me { urn rolesHeld @include(if: $y) { role { code } } } }', variables: { y: true } },
  },
  {
    name: 'an unknown consent request (an error: asked again through the gateway)',
    who: KARI,
    body: { query: contractOperation('ConsentRequest'), variables: { id: '0b0e7a56-0000-4000-8000-000000000000' } },
  },
  {
    name: 'a variable of the wrong type',
    who: KARI,
    body: { query: contractOperation('PartyByUrn'), variables: { urn: 42 }, operationName: 'PartyByUrn' },
  },
  {
    name: 'a body that sets extensions itself (never forwarded: only the router says who the viewer is)',
    who: KARI,
    body: {
      query: contractOperation('PartyByUrn'),
      variables: { urn: TRANA },
      operationName: 'PartyByUrn',
      extensions: { jwt: { payload: { pid: '12888510018', sub: 'someone else' } } },
    },
  },
];

describe('forwarding of single-subgraph queries, composing of multi-subgraph ones', () => {
  let stack: TestStack;
  let plain: ExtraRouter;

  beforeAll(async () => {
    stack = await startTestStack();
    plain = await startExtraRouter(stack, { env: { FORWARDING: 'off' } });
  }, 120_000);
  afterAll(async () => {
    await plain?.close();
    await stack?.close();
  });

  const metrics = async () => (await fetch(`${stack.publicUrl.replace('localhost', '127.0.0.1')}/metrics`)).text();
  const forwardedCount = async (subgraph: string) =>
    Number(new RegExp(`hub_router_forwarded_requests_total\\{subgraph="${subgraph}"\\} (\\d+)`).exec(await metrics())?.[1] ?? 0);
  const composedCount = async () => Number(/hub_router_composed_requests_total (\d+)/.exec(await metrics())?.[1] ?? 0);

  async function post(url: string, token: string, c: Case) {
    const body = JSON.stringify(c.body);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(c.accept ? { accept: c.accept } : {}) },
      body,
    });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
  }

  for (const c of CASES) {
    it(`${c.name}: the same answer as the gateway, ${c.forwardedTo ? `forwarded to ${c.forwardedTo} after the first` : c.composed ? 'composed after the first' : 'never forwarded'}`, async () => {
      const token = await stack.token(c.who);
      const expected = await post(plain.url, await plain.token(c.who), c);
      const counts = async () =>
        Object.fromEntries(
          await Promise.all(['parties', 'roles', 'delegations', 'consents', 'evidence'].map(async (s) => [s, await forwardedCount(s)])),
        );
      const before = await counts();
      const composedBefore = await composedCount();
      // The first teaches the router (the gateway executes it); the next two may be forwarded.
      for (let i = 0; i < 3; i++) expect(await post(stack.url, token, c)).toEqual(expected);
      const after = await counts();
      const grew = Object.fromEntries(Object.keys(after).map((s) => [s, after[s] - before[s]]));
      expect(grew).toEqual({ parties: 0, roles: 0, delegations: 0, consents: 0, evidence: 0, ...(c.forwardedTo ? { [c.forwardedTo]: 2 } : {}) });
      expect((await composedCount()) - composedBefore).toBe(c.composed ? 2 : 0);
      if (c.forwardedTo || c.composed) expect(expected.body.errors).toBeUndefined();
    });
  }

  it('a refused token on a forwardable query is 401 from the gateway, as without forwarding', async () => {
    const c = CASES[0]!;
    await post(stack.url, await stack.token(KARI), c);
    const forged = `${(await stack.token(KARI)).slice(0, -4)}AAAA`;
    const answer = await post(stack.url, forged, c);
    const without = await post(plain.url, forged, c);
    expect(answer.status).toBe(401);
    expect(answer).toEqual(without);
  });

  it('forwards with the caller’s own claims: another person sees their own answer, not a cached one', async () => {
    const me = { query: 'query Me { me { urn name } }' };
    const c: Case = { name: 'me', who: KARI, body: me, forwardedTo: 'parties' };
    const kari = await post(stack.url, await stack.token(KARI), c);
    await post(stack.url, await stack.token(KARI), c);
    const hakon = await post(stack.url, await stack.personToken('hakon'), c);
    expect((kari.body.data as { me: { urn: string } }).me.urn).toBe(person(KARI.pid));
    expect((hakon.body.data as { me: { urn: string } }).me.urn).toBe(person('12888510018'));
  });
});
