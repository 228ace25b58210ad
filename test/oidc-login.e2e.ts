import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from './support/cookie-jar';
import { freePort } from './support/ports';
import { startExtraRouter } from './support/router';
import { OIDC_CLIENT, startStackWithOidc, type TestOidcProvider } from './support/oidc-provider';
import type { TestStack } from './support/stack';

/** Seconds without a request after which a page session ends, short enough to wait for. */
const IDLE_SECONDS = 5;
const SESSION = 'hub_session';
const ME = /* GraphQL */ `
  query {
    me {
      name
      urn
      consentsGiven {
        id
      }
    }
  }
`;

describe('the pages’ login with a real OpenID Connect provider', () => {
  let provider: TestOidcProvider;
  let stack: TestStack;
  let hub: string;

  beforeAll(async () => {
    ({ provider, stack } = await startStackWithOidc(IDLE_SECONDS));
    hub = stack.publicUrl;
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await provider?.close();
  });

  /** Logs `key` in through the provider, following every redirect by hand; returns the jar and the steps. */
  async function logIn(key: string, jar = new CookieJar(), next = '/consent/overview') {
    provider.loginAs(key);
    const steps = await jar.follow(`${hub}/auth/login?next=${encodeURIComponent(next)}`);
    return { jar, steps, last: steps.at(-1)! };
  }

  /** The page's data block: the session's CSRF token, or null when nobody is logged in. */
  async function pageData(jar: CookieJar, path = '/consent/overview'): Promise<{ csrf: string | null }> {
    const { res } = await jar.fetch(`${hub}${path}`);
    const html = await res.text();
    return JSON.parse(/<script type="application\/json" id="page-data">(.*?)<\/script>/.exec(html)![1]!) as { csrf: string | null };
  }

  async function graph(jar: CookieJar, query = ME) {
    const { res } = await jar.fetch(`${hub}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  }

  it('logs HÅKON in with the code flow and PKCE, and his page session reads his data as his bearer token does', async () => {
    const { jar, steps, last } = await logIn('hakon');
    const path = steps.map((s) => `${s.res.status} ${s.url.host === new URL(hub).host ? 'hub' : 'provider'}${s.url.pathname}`);
    expect(path[0]).toBe('303 hub/auth/login');
    expect(path.at(-2)).toBe('303 hub/auth/callback');
    expect(path.at(-1)).toBe('200 hub/consent/overview');
    const authorize = new URL(steps[0]!.res.headers.get('location')!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: OIDC_CLIENT.id,
      scope: 'openid',
      code_challenge_method: 'S256',
    });
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(last.res.headers.get('content-security-policy')).toContain("script-src 'self'");

    const viaSession = await graph(jar);
    expect(viaSession.status).toBe(200);
    expect(viaSession.body.data.me.name).toBe('HÅKON TRANA');
    const viaBearer = await stack.graphql(ME, {}, await stack.personToken('hakon'));
    expect(viaSession.body).toEqual(viaBearer.body);
    expect((await pageData(jar)).csrf).toMatch(/^[\w-]{43}$/);
  });

  it('sets the session cookie httpOnly and SameSite=Lax (Secure is dropped on http://localhost only), and keeps no token in the page', async () => {
    const { jar, steps } = await logIn('hakon');
    const callback = steps.find((s) => s.url.pathname === '/auth/callback')!;
    const line = callback.res.headers.getSetCookie().find((l) => l.startsWith(`${SESSION}=`))!;
    expect(line).toMatch(/; HttpOnly(;|$)/);
    expect(line).toMatch(/; SameSite=Lax(;|$)/);
    expect(new URL(hub).hostname).toBe('localhost');
    expect(line).not.toMatch(/Secure/);
    const html = await (await jar.fetch(`${hub}/consent/overview`)).res.text();
    expect(html).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('refuses a next on another origin before anything is sent to the provider', async () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example/', 'javascript:alert(1)']) {
      const { res } = await new CookieJar().fetch(`${hub}/auth/login?next=${encodeURIComponent(next)}`);
      expect(res.status, next).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
    const { last } = await logIn('hakon', new CookieJar(), '/consent/overview?x=1');
    expect(last.url.pathname + last.url.search).toBe('/consent/overview?x=1');
  });

  it('refuses a callback this browser did not start (login CSRF)', async () => {
    const victim = new CookieJar();
    const attacker = new CookieJar();
    provider.loginAs('kari');
    // Stop the attacker's login at the provider's answer, and hand its callback URL to the victim.
    const started = await attacker.fetch(`${hub}/auth/login`);
    const toProvider = await attacker.follow(started.res.headers.get('location')!, {}, 4);
    const callback = toProvider.find((s) => s.res.headers.get('location')?.startsWith(`${hub}/auth/callback`))!.res.headers.get('location')!;
    const { res } = await victim.fetch(callback);
    expect(res.status).toBe(400);
    expect(victim.cookie(hub, SESSION)).toBeUndefined();
  });

  it('ends the session at logout: a POST with the session’s CSRF token from this site, after which the cookie no longer works', async () => {
    const { jar } = await logIn('hakon');
    const stolen = jar.cookie(hub, SESSION)!.value;
    const { csrf } = await pageData(jar);
    const post = (body: string, origin = new URL(hub).origin) =>
      jar.fetch(`${hub}/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body });

    expect((await post('csrf=wrong')).res.status).toBe(403);
    expect((await post(`csrf=${csrf}`, 'https://evil.example')).res.status).toBe(403);
    expect((await graph(jar)).body.data.me.name).toBe('HÅKON TRANA');

    const { res } = await post(`csrf=${csrf}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/logged-out');
    expect(jar.cookie(hub, SESSION)).toBeUndefined();
    // The old cookie, kept by someone: the session is gone on the server.
    const replay = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION}=${stolen}` },
      body: JSON.stringify({ query: ME }),
    });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    // The page's script says it expects a session: without one the call is refused, never answered as anonymous.
    const expected = await jar.fetch(`${hub}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-session': '1' },
      body: JSON.stringify({ query: ME }),
    });
    expect(expected.res.status).toBe(401);
    const anonymous = await jar.fetch(`${hub}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ME }),
    });
    expect(((await anonymous.res.json()) as { data: { me: unknown } }).data.me).toBeNull();
  });

  it('switches user: logout, then a login with prompt=login at the provider, as KARI', async () => {
    const { jar } = await logIn('hakon');
    const { csrf } = await pageData(jar);
    const before = provider.logins.length;
    // Without prompt=login the provider would reuse its own session of HÅKON's, without asking.
    provider.loginAs('kari');
    const steps = await jar.follow(`${hub}/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(hub).origin },
      body: `csrf=${csrf}&switch=1`,
    });
    expect(steps[0]!.res.headers.get('location')).toBe('/auth/login?prompt=login&next=%2Fportal%2F');
    expect(new URL(steps[1]!.res.headers.get('location')!).searchParams.get('prompt')).toBe('login');
    expect(steps.at(-1)!.url.pathname).toBe('/portal/party');
    expect(provider.logins.slice(before)).toEqual(['kari']);
    expect((await graph(jar)).body.data.me.name).toBe('KARI NORDMANN');
  });

  it('sends the person to log in again once the session has been idle too long, rather than showing an empty page', async () => {
    const { jar } = await logIn('hakon');
    expect((await graph(jar)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, (IDLE_SECONDS + 1) * 1000));
    const expired = await graph(jar);
    expect(expired.status).toBe(401);
    expect(expired.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(expired.body.data ?? null).toBeNull();
    // The page's script is told nobody is logged in, and goes to /auth/login.
    expect((await pageData(jar)).csrf).toBeNull();
  }, 30_000);

  it('answers 503 with a way to try again when the provider cannot be reached, and stays up', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const router = await startExtraRouter(stack, {
      env: { OIDC_ISSUER: nobody, OIDC_CLIENT_ID: OIDC_CLIENT.id, OIDC_CLIENT_SECRET: OIDC_CLIENT.secret },
    });
    try {
      const base = router.url.replace(/\/graphql$/, '');
      const res = await fetch(`${base}/auth/login?next=/consent/overview`, { redirect: 'manual' });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('href="/auth/login"');
      expect((await router.graphql('{ __typename }')).status).toBe(200);
    } finally {
      await router.close();
    }
  });
});
