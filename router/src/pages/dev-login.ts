import { story } from '@hub/db';
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
 * The development login: pick a story person or client, get a token. The token is kept in this browser
 * (localStorage `hub:token`, and GraphiQL's stored headers) and the page goes on to `next`, when given.
 */
export function devLoginPage(next: string | null): string {
  // Only same-site paths: never an open redirect.
  const target = sameOriginPath(next);
  const persons = story.persons
    .map((p) => `<li><button type="button" data-body='${escapeHtml(JSON.stringify({ pid: p.nationalIdentityNumber }))}'>${escapeHtml(p.name)}</button> <span class="muted">${p.nationalIdentityNumber}</span></li>`)
    .join('\n');
  const clients = story.clients
    .map((c) => `<li><button type="button" data-body='${escapeHtml(JSON.stringify({ client: c.key }))}'>${escapeHtml(c.key)}</button> <span class="muted">${escapeHtml(c.scopes.join(' '))}</span></li>`)
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
<script>
const next = ${scriptJson(target)};
for (const button of document.querySelectorAll('button[data-body]')) {
  button.addEventListener('click', async () => {
    const res = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: button.dataset.body });
    const { access_token } = await res.json();
    localStorage.setItem('hub:token', access_token);
    localStorage.setItem('graphiql:headers', JSON.stringify({ Authorization: 'Bearer ' + access_token }, null, 2));
    if (next) { location.assign(next); return; }
    document.getElementById('token').value = access_token;
    document.getElementById('result').hidden = false;
  });
}
</script>`,
    'nb',
  );
}
