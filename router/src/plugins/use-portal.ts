import { readFileSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { bundleEntry, scriptResponse, styleAsset } from '../pages/assets';
import { escapeHtml, page as plainPage } from '../pages/html';
import { sameOriginPath } from '../pages/dev-login';
import { portalFrame } from '../pages/portal/frame';
import { matchPage } from '../pages/portal/page';
import { PARTY_PAGE_ID, PORTAL_PAGES } from '../pages/portal/pages';
import type { PageSessions } from '../session/page-sessions';
import type { Session } from '../session/session-store';

/** The portal's home. */
export const PORTAL_HOME = '/portal/';

/**
 * The portal's policy: its script and style sheet from this site only, no inline script or style, calls to this
 * site's graph only, forms posting here (and the logout's redirect on to the login provider, `loginOrigin`), never
 * framed.
 */
export const portalCsp = (loginOrigin: string | null) =>
  `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'${loginOrigin ? ` ${loginOrigin}` : ''}; frame-ancestors 'none'`;

/** Who may the session's person act for: themselves and their `authorizedParties` (asked of the graph as them). */
const PARTIES = 'query PortalParties { me { urn authorizedParties { urn } } }';

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The citizen and business portal under /portal/: each page of `pages/portal/pages.ts` is served as a frame that
 * its bundled script (`pages/portal/client/portal.ts`) fills from the page's one GraphQL query, run in the person's
 * login session. Without a session a page goes to the login (and back); without a chosen party to the party picker
 * (`/portal/party`), whose forms `POST /portal/party` the choice into the session, after asking the graph that the
 * person may act for that party. `?party=<urn>` on a page sets it too while the session has none yet (the address
 * the pages send an expired session back to, so the person returns to the same party's view).
 */
export function usePortal(options: {
  sessions: PageSessions;
  graph: (request: Request) => Promise<Response>;
  loginOrigin: string | null;
}): GatewayPlugin {
  const { sessions } = options;
  const script = bundleEntry(new URL('../pages/portal/client/portal.ts', import.meta.url), 'portal');
  script.catch(() => {});
  const style = styleAsset('portal', readFileSync(new URL('../pages/portal/portal.css', import.meta.url), 'utf8'));
  const csp = portalCsp(options.loginOrigin);

  const html = (body: string, status = 200) =>
    new Response(body, {
      status,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-store' },
    });
  const redirect = (location: string) => new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
  const notFound = () =>
    html(
      plainPage(
        'Fant ikke siden / Page not found',
        `<main><h1>Fant ikke siden / Page not found</h1><p><a href="${PORTAL_HOME}">Min side / My page</a></p></main>`,
      ),
      404,
    );

  /** True when the session's person may act for `party` (themselves or one of their authorized parties). */
  async function mayActFor(request: Request, url: URL, party: string): Promise<boolean> {
    const body = JSON.stringify({ query: PARTIES });
    const res = await options.graph(
      new Request(new URL('/graphql', url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          cookie: request.headers.get('cookie') ?? '',
        },
        body,
      }),
    );
    if (!res.ok) return false;
    const result = (await res.json()) as { data?: { me: { urn: string; authorizedParties: { urn: string }[] | null } | null } };
    const me = result.data?.me;
    return !!me && (me.urn === party || (me.authorizedParties ?? []).some((p) => p.urn === party));
  }

  /** `next` when it is a portal address, else the portal's home. */
  const portalNext = (next: string | null) => {
    const path = sameOriginPath(next);
    return path.startsWith('/portal') ? path : PORTAL_HOME;
  };

  async function choose(request: Request, url: URL, session: Session | null): Promise<Response> {
    const form = new URLSearchParams(await request.text());
    if (!session) return redirect(`/auth/login?next=${encodeURIComponent(PORTAL_HOME)}`);
    if (!sameSecret(form.get('csrf') ?? '', session.csrf)) {
      return html(
        plainPage('Min side', '<main><h1>Min side</h1><p>Skjemaet kom ikke fra denne siden. / The form did not come from this site.</p></main>'),
        403,
      );
    }
    const party = form.get('party') ?? '';
    if (!(await mayActFor(request, url, party))) {
      return html(
        plainPage(
          'Min side',
          `<main><h1>Min side</h1><p>Du kan ikke handle på vegne av denne aktøren. / You may not act for this party.</p><p><a href="/portal/party">${escapeHtml('Velg aktør / Choose party')}</a></p></main>`,
        ),
        403,
      );
    }
    session.party = party;
    return redirect(portalNext(form.get('next')));
  }

  return {
    async onRequest({ request, url, endResponse }) {
      const { pathname } = url;
      if (request.method === 'GET' && pathname.startsWith('/assets/portal.')) {
        if (pathname.endsWith('.css')) {
          return endResponse(await scriptResponse(Promise.resolve(style), pathname, 'text/css; charset=utf-8'));
        }
        return endResponse(await scriptResponse(script, pathname));
      }
      if (pathname !== '/portal' && !pathname.startsWith('/portal/')) return;
      const session = sessions.of(request);
      if (request.method === 'POST' && pathname === '/portal/party') return endResponse(await choose(request, url, session));
      if (request.method !== 'GET') return endResponse(new Response('Method not allowed', { status: 405, headers: { allow: 'GET' } }));

      const found = matchPage(PORTAL_PAGES, pathname);
      if (!found) return endResponse(notFound());
      const here = `${pathname}${url.search}`;
      if (!session) return endResponse(redirect(`/auth/login?next=${encodeURIComponent(here)}`));
      if (!session.party && found.page.id !== PARTY_PAGE_ID) {
        const asked = url.searchParams.get('party');
        if (asked && (await mayActFor(request, url, asked))) session.party = asked;
        else return endResponse(redirect(`/portal/party?next=${encodeURIComponent(here)}`));
      }
      if (url.searchParams.has('party') && found.page.id !== PARTY_PAGE_ID) {
        // The choice is in the session now: the address without it.
        const clean = new URLSearchParams(url.search);
        clean.delete('party');
        return endResponse(redirect(`${pathname}${clean.size ? `?${clean}` : ''}`));
      }
      const { path } = await script;
      return endResponse(
        html(
          portalFrame(
            found.page,
            { page: found.page.id, params: found.params, party: session.party ?? null, csrf: session.csrf },
            { script: path, style: style.path },
          ),
        ),
      );
    },
  };
}
