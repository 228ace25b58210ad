import { describe, expect, it } from 'vitest';
import { parseRouterEnv } from './env';
import { createRouter, subgraphUrlsOf } from './server';

describe('createRouter', () => {
  it('reports not ready, naming the subgraph, when a subgraph does not answer', async () => {
    const config = parseRouterEnv({ LOG_LEVEL: 'silent' });
    // Parties points at a port nobody listens on; the others keep the supergraph's defaults, also not running here.
    const router = await createRouter({ config: { ...config, subgraphUrls: { parties: 'http://127.0.0.1:9/graphql' } } });
    try {
      const res = await router.fetch('http://router.test/readyz');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', subgraphs: { parties: 'down' } });
      expect((await router.fetch('http://router.test/healthz')).status).toBe(200);
      // One pair of health endpoints: the gateway's default paths are not served.
      expect((await router.fetch('http://router.test/healthcheck')).status).toBe(404);
      expect((await router.fetch('http://router.test/readiness')).status).toBe(404);
    } finally {
      await router.dispose();
    }
  });
});

describe('subgraph URLs in the supergraph', () => {
  const sdl = `enum join__Graph { PARTIES @join__graph(name: "parties", url: "http://127.0.0.1:4001/graphql") ROLES @join__graph(name: "roles", url: "http://127.0.0.1:4002/graphql") }`;
  it('are read from the join__Graph enum', () => {
    expect(subgraphUrlsOf(sdl)).toEqual({ parties: 'http://127.0.0.1:4001/graphql', roles: 'http://127.0.0.1:4002/graphql' });
  });
});

describe('parseRouterEnv', () => {
  it('stops production without a signing secret, naming the variable', () => {
    expect(() => parseRouterEnv({ NODE_ENV: 'production' })).toThrow(/ROUTER_SIGNING_SECRET/);
  });
  it('refuses malformed issuers', () => {
    expect(() => parseRouterEnv({ JWT_ISSUERS: '{not json' })).toThrow(/JWT_ISSUERS/);
    expect(() => parseRouterEnv({ JWT_ISSUERS: '[{"issuer":"x"}]' })).toThrow(/jwksUri/);
  });
  it('reads SUBGRAPH_<NAME>_URL overrides', () => {
    expect(parseRouterEnv({ SUBGRAPH_PARTIES_URL: 'http://p:1/graphql' }).subgraphUrls).toEqual({ parties: 'http://p:1/graphql' });
  });
});
