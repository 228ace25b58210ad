import { timingSafeEqual } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger } from '@hub/kit/logger';
import { DEV_TOKEN_TTL, type DevIdentity } from '../dev-identity';
import { AUTH_PAGE_CSP, authPage } from '../pages/auth';
import { sameOriginPath } from '../pages/dev-login';
import { LoginRefused, type OidcLogin, type PendingLogin } from '../session/oidc-client';
import type { PageSessions } from '../session/page-sessions';
import { clearCookie, readCookie, setCookie } from '../session/session-cookie';
import type { VerifiedClaims } from '../token-verifier';
import { jsonResponse } from './json-response';

/** Where a login without `next` ends: the portal. */
export const DEFAULT_NEXT = '/portal/';
/** How long a started login waits for its callback, in seconds. */
export const LOGIN_TTL_SECONDS = 600;
/** Most logins waiting for their callback at once; the oldest is dropped beyond it (a flood of /auth/login). */
const MAX_PENDING = 10_000;

export interface LoginOptions {
  sessions: PageSessions;
  /** The OIDC client; absent outside production when only the dev login is configured. */
  oidc: OidcLogin | null;
  /** Outside production: the dev identity, whose login page also makes page sessions (`POST /dev/session`). */
  devIdentity: DevIdentity | undefined;
  verifyToken: (token: string) => Promise<VerifiedClaims>;
  publicUrl: string;
  log: Logger;
}

const authHtml = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': AUTH_PAGE_CSP, 'cache-control': 'no-store', ...headers },
  });

const redirect = (location: string, cookies: string[] = []) => {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const c of cookies) headers.append('set-cookie', c);
  return new Response(null, { status: 303, headers });
};

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The pages' login: `GET /auth/login?next=` (a same-site path only) sends the browser to the OIDC provider (or,
 * outside production without one, to the dev login), `GET /auth/callback` makes the session and sets its cookie,
 * `POST /auth/logout` (with the session's CSRF token, from this site) ends it; `switch=1` then logs in again with
 * `prompt=login`, so the provider asks who is there instead of reusing its own session.
 */
export function useLogin({ sessions, oidc, devIdentity, verifyToken, publicUrl, log }: LoginOptions): GatewayPlugin {
  const pending = new Map<string, PendingLogin>();
  const origin = new URL(publicUrl).origin;
  const { cookies } = sessions;

  const sessionCookie = (id: string) => setCookie(cookies, cookies.session, id);

  async function login(url: URL): Promise<Response> {
    const raw = url.searchParams.get('next');
    const next = raw === null ? DEFAULT_NEXT : sameOriginPath(raw);
    if (!next) return authHtml(authPage('Innlogging', 'The address to return to after login must be on this site.'), 400);
    const prompt = url.searchParams.get('prompt') === 'login' ? 'login' : undefined;
    if (!oidc) {
      if (devIdentity) return redirect(`/dev/login?next=${encodeURIComponent(next)}`);
      return authHtml(authPage('Innlogging', 'No login is configured.'), 503);
    }
    let started: Awaited<ReturnType<OidcLogin['start']>>;
    try {
      started = await oidc.start(next, prompt);
    } catch (err) {
      // The provider's discovery document could not be read: say so and let the person try again (it is read anew).
      log.error({ err }, 'the OIDC provider cannot be reached');
      return authHtml(
        authPage(
          'Innlogging',
          'Innloggingstjenesten svarer ikke nå. Prøv igjen om litt. / The login service does not answer now. Try again shortly.',
        ),
        503,
        { 'retry-after': '10' },
      );
    }
    const now = Date.now();
    for (const [key, p] of pending) if (now - p.startedAt > LOGIN_TTL_SECONDS * 1000 || pending.size >= MAX_PENDING) pending.delete(key);
    pending.set(started.pending.state, started.pending);
    return redirect(started.url, [setCookie(cookies, cookies.login, started.pending.state, LOGIN_TTL_SECONDS)]);
  }

  async function callback(request: Request, url: URL): Promise<Response> {
    const key = readCookie(request, cookies.login);
    const started = key ? pending.get(key) : undefined;
    if (key) pending.delete(key);
    const loginAgain = (message: string, status: number) =>
      authHtml(authPage('Innlogging', message), status, { 'set-cookie': clearCookie(cookies, cookies.login) });
    if (!started || Date.now() - started.startedAt > LOGIN_TTL_SECONDS * 1000 || url.searchParams.get('state') !== started.state) {
      return loginAgain('This login was not started in this browser, or took too long. Log in again.', 400);
    }
    try {
      const claims = await oidc!.finish(url, started);
      const session = sessions.store.create(claims);
      return redirect(started.next, [sessionCookie(session.id), clearCookie(cookies, cookies.login)]);
    } catch (err) {
      if (!(err instanceof LoginRefused)) throw err;
      log.info({ reason: err.message }, 'refused a login');
      return loginAgain('The login did not succeed. Log in again.', 401);
    }
  }

  async function logout(request: Request): Promise<Response> {
    const from = request.headers.get('origin');
    if (from !== null && from !== origin) return authHtml(authPage('Logg ut', 'Logout is only possible from this site.'), 403);
    const form = new URLSearchParams(await request.text());
    const session = sessions.of(request);
    if (session && !sameSecret(form.get('csrf') ?? '', session.csrf)) {
      return authHtml(authPage('Logg ut', 'This logout did not come from this site’s page.'), 403);
    }
    if (session) sessions.store.delete(session.id);
    const cleared = clearCookie(cookies, cookies.session);
    if (form.get('switch') === '1') {
      const next = sameOriginPath(form.get('next')) || DEFAULT_NEXT;
      return redirect(`/auth/login?prompt=login&next=${encodeURIComponent(next)}`, [cleared]);
    }
    return redirect('/auth/logged-out', [cleared]);
  }

  /** Dev only: the dev login's person buttons make a page session from a dev token's verified claims. */
  async function devSession(request: Request): Promise<Response> {
    if (!request.headers.get('content-type')?.startsWith('application/json')) {
      return jsonResponse({ error: 'invalid_request', error_description: 'Send JSON.' }, 415);
    }
    const issued = await devIdentity!.issue(await request.json().catch(() => null));
    if (!issued.ok) return jsonResponse({ error: 'invalid_request', error_description: issued.message }, 400);
    const session = sessions.store.create(await verifyToken(issued.token));
    const res = jsonResponse({ access_token: issued.token, token_type: 'Bearer', expires_in: DEV_TOKEN_TTL });
    res.headers.append('set-cookie', sessionCookie(session.id));
    return res;
  }

  return {
    async onRequest({ request, url, endResponse }) {
      const route = `${request.method} ${url.pathname}`;
      if (route === 'GET /auth/login') return endResponse(await login(url));
      if (route === 'GET /auth/callback' && oidc) return endResponse(await callback(request, url));
      if (route === 'POST /auth/logout') return endResponse(await logout(request));
      if (route === 'GET /auth/logged-out') return endResponse(authHtml(authPage('Logget ut', 'Du er logget ut. / You are logged out.'), 200));
      if (route === 'POST /dev/session' && devIdentity) return endResponse(await devSession(request));
    },
  };
}
