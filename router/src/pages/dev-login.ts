import { story } from '@hub/db/story';
import { escapeHtml, page, scriptJson } from './html';

const ORIGIN = 'http://hub.invalid';

/**
 * `next` as a path on this site, or '' when it is anything else. Parsed as the browser would (a backslash
 * is a slash, so `/\evil.example/` is another host), and kept only when it stays on this origin.
 */
export function sameOriginPath(next: string | null): string {
  if (!next || !next.startsWith('/')) return '';
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return '';
  }
  return url.origin === ORIGIN ? `${url.pathname}${url.search}${url.hash}` : '';
}

/**
 * The development login: pick a story person or client. It makes a login session for the pages (an httpOnly cookie,
 * as the OIDC login does) and gives a token for the playground, kept in this browser (localStorage `hub:token`, and
 * GraphiQL's stored headers; the pages never read it), and the page goes on to `next`, when given. The page's
 * script is the bundled `client/dev-login.ts` at `scriptPath`; `next` reaches it in a JSON data block.
 */
export function devLoginPage(next: string | null, scriptPath: string): string {
  // Only same-site paths: never an open redirect.
  const target = sameOriginPath(next);
  const persons = story.persons
    .map(
      (p) =>
        `<li><button type="button" data-body='${escapeHtml(JSON.stringify({ pid: p.nationalIdentityNumber }))}'>${escapeHtml(p.name)}</button> <span class="muted">${p.nationalIdentityNumber}</span></li>`,
    )
    .join('\n');
  const clients = story.clients
    .map(
      (c) =>
        `<li><button type="button" data-body='${escapeHtml(JSON.stringify({ client: c.key }))}'>${escapeHtml(c.key)}</button> <span class="muted">${escapeHtml(c.scopes.join(' '))}</span></li>`,
    )
    .join('\n');
  return page(
    'Testinnlogging',
    `<h1>Testinnlogging (development only)</h1>
<p class="muted">Synthetic story identities. Pick one to get a bearer token.</p>
<h2>Personer</h2>
<ul class="choices">${persons}</ul>
<h2>Systemer (organisasjoner)</h2>
<ul class="choices">${clients}</ul>
<section id="result" hidden>
<h2>Token</h2>
<textarea id="token" readonly></textarea>
<p><a href="/graphql">Open the playground</a> (the token is already set in its headers).</p>
</section>
<script type="application/json" id="dev-login-data">${scriptJson({ next: target })}</script>
<script src="${escapeHtml(scriptPath)}" defer></script>`,
    'nb',
  );
}
