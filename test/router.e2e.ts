import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '@hub/kit';
import { startTestStack, type TestStack } from './support/stack';
import { PRODUCTION_OIDC_ENV } from './support/issuers';

let stack: TestStack;
let base: string;
beforeAll(async () => {
  stack = await startTestStack();
  base = stack.url.replace(/\/graphql$/, '');
});
afterAll(() => stack?.close());

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('the router’s HTTP contract', () => {
  it('answers /healthz while running', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
  });

  it('is ready when every subgraph answers, naming each', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', subgraphs: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, 'up'])) });
  });

  it('serves RFC 8414 metadata pointing at its JWKS', async () => {
    const meta = (await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()) as any;
    expect(meta.issuer).toBe(stack.publicUrl);
    expect(meta.jwks_uri).toBe(`${stack.publicUrl}/.well-known/jwks.json`);
    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as any;
    expect(Array.isArray(jwks.keys)).toBe(true);
  });

  it('issues dev tokens for persons, story clients and organisations, and refuses bad requests', async () => {
    for (const body of [{ pid: '17857210042' }, { client: 'banken-system' }, { org: '310000507', scope: 'a b' }]) {
      const res = await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as any;
      expect(res.status).toBe(200);
      expect(json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      expect(json.access_token.split('.')).toHaveLength(3);
    }
    for (const body of [{ pid: '17857210043' }, { client: 'nobody' }, { org: '123' }, { who: 'me' }]) {
      const res = await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
    }
  });

  it('serves the playground to a browser and the dev login page', async () => {
    const play = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(play.status).toBe(200);
    const html = await play.text();
    expect(html).toContain('query PartyByUrn');
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    const login = await fetch(`${base}/dev/login`);
    expect(await login.text()).toContain('KARI NORDMANN');
  });

  it('refuses a simple (non-preflighted) request: CSRF protection', async () => {
    const res = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(res.status).toBe(403);
    const ok = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'graphql-preflight': '1' } });
    expect(ok.status).toBe(200);
  });

  it('refuses documents past the depth, alias and token limits', async () => {
    const token = await stack.personToken('kari');
    const auth = { authorization: `Bearer ${token}` };
    const deep = `{ me { ${'parent { '.repeat(15)}name${' }'.repeat(15)} } }`;
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: me { name }`).join(' ')} }`;
    const tokens = `{ me { ${'name '.repeat(3000)}} }`;
    for (const query of [deep, aliases, tokens]) {
      const res = await post(JSON.stringify({ query }), auth);
      const json = (await res.json()) as any;
      expect(json.data ?? null).toBeNull();
      expect(json.errors?.[0]?.message).toMatch(/depth|alias|token/i);
    }
  });

  it('refuses a body past the size limit with 413', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(200_000) } }));
    expect(res.status).toBe(413);
  });

  it('allows introspection outside production', async () => {
    const res = await post(JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
    expect(((await res.json()) as any).data.__schema.queryType.name).toBe('Query');
  });
});

describe('the router in production', () => {
  let prod: TestStack;
  let prodBase: string;
  beforeAll(async () => {
    prod = await startTestStack({
      env: {
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://hub.test',
        ROUTER_SIGNING_SECRET: 'p'.repeat(48),
        KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
        EVIDENCE_SKATTEETATEN_URL: 'https://skatteetaten.test',
        ...PRODUCTION_OIDC_ENV,
      },
    });
    prodBase = prod.url.replace(/\/graphql$/, '');
  });
  afterAll(() => prod?.close());

  it('has no dev identity and no dev login', async () => {
    const token = await fetch(`${prodBase}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"pid":"17857210042"}',
    });
    expect(token.status).toBe(404);
    expect((await fetch(`${prodBase}/dev/login`)).status).toBe(404);
  });

  it('refuses introspection and does not suggest field names', async () => {
    const post = (query: string) =>
      fetch(`${prodBase}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const intro = (await (await post('{ __schema { types { name } } }')).json()) as any;
    expect(intro.errors?.[0]?.message).toMatch(/introspection/i);
    const typo = (await (await post('{ partyy(urn: "x") { name } }')).json()) as any;
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});

describe('metrics', () => {
  it('counts requests in Prometheus format at /metrics', async () => {
    await post(JSON.stringify({ query: 'query Probe { __typename }' }));
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/graphql_yoga_http_duration_count\{[^}]*\} [1-9]/);
  });
});
