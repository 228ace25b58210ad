import { describe, expect, it } from 'vitest';
import { parseRouterEnv } from '../env';

const PRODUCTION = { NODE_ENV: 'production', PUBLIC_URL: 'https://hub.test', ROUTER_SIGNING_SECRET: 's'.repeat(48) };
const OIDC = {
  OIDC_ISSUER: 'https://idporten.no',
  OIDC_CLIENT_ID: 'hub-pages',
  OIDC_CLIENT_SECRET: 'secret',
  OIDC_REDIRECT_URL: 'https://hub.test/auth/callback',
};

describe('the pages’ OIDC settings', () => {
  it('are required in production while the pages are served, and not when they are off', () => {
    expect(() => parseRouterEnv(PRODUCTION)).toThrow(/OIDC_ISSUER/);
    expect(parseRouterEnv({ ...PRODUCTION, PAGES: 'off' }).oidc).toBeNull();
    expect(parseRouterEnv({ ...PRODUCTION, ...OIDC }).oidc).toEqual({
      issuer: 'https://idporten.no',
      clientId: 'hub-pages',
      clientSecret: 'secret',
      redirectUrl: 'https://hub.test/auth/callback',
    });
  });

  it('refuse half a client registration, naming what is missing', () => {
    expect(() => parseRouterEnv({ ...PRODUCTION, ...OIDC, OIDC_CLIENT_SECRET: undefined })).toThrow(/OIDC_CLIENT_SECRET/);
    expect(() => parseRouterEnv({ ...PRODUCTION, ...OIDC, OIDC_REDIRECT_URL: undefined })).toThrow(/OIDC_REDIRECT_URL/);
    expect(() => parseRouterEnv({ OIDC_ISSUER: 'http://localhost:9000' })).toThrow(/OIDC_CLIENT_ID/);
  });

  it('refuse a provider or callback that is not https in production', () => {
    expect(() => parseRouterEnv({ ...PRODUCTION, ...OIDC, OIDC_ISSUER: 'http://idporten.no' })).toThrow(
      /https:\/\/ address in production\n.*OIDC_ISSUER/,
    );
  });

  it('outside production, need none of them (the dev login), and default the callback to the public URL', () => {
    expect(parseRouterEnv({}).oidc).toBeNull();
    const config = parseRouterEnv({ PORT: '4555', OIDC_ISSUER: 'http://localhost:9000', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' });
    expect(config.oidc?.redirectUrl).toBe('http://localhost:4555/auth/callback');
    expect(config.session).toEqual({ idleSeconds: 1800, maxSeconds: 7200 });
  });
});
