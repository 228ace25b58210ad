import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { build } from 'esbuild';
import { sessionControls } from '../pages/auth';
import { escapeHtml, scriptJson } from '../pages/html';
import { ACCESS_TEXTS } from '../pages/portal/access-texts';
import type { PortalPageData } from '../pages/portal/page-data';
import { scriptResponse, type ScriptAsset } from '../pages/assets';
import type { PageSessions } from '../session/page-sessions';

/**
 * The access pages' policy: scripts only from this site (the bundle; no inline script or handler), styles inline
 * (the frame's one `<style>`), calls and forms only to this site, never framed.
 */
export const PORTAL_ACCESS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const OTHERS_CSV_DOCUMENT = fileURLToPath(new URL('../pages/portal/others.graphql', import.meta.url));

/** Bundles the access pages' script once, with the `.graphql` documents as text. */
async function bundleAccessScript(): Promise<ScriptAsset> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../pages/portal/entry.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    loader: { '.graphql': 'text' },
  });
  const body = result.outputFiles[0]!.text;
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return { path: `/assets/portal-access.${hash}.js`, body };
}

const STYLE = `
  body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 0 1rem 2rem; color: #1a1a1a; line-height: 1.45; overflow-wrap: anywhere; }
  header { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; justify-content: space-between; padding: .75rem 0; border-bottom: 1px solid #ccc; }
  header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .75rem; padding: 0; margin: 0; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; } li h2.holder { margin: 0 0 .25rem; font-size: 1.05rem; }
  a { color: #0b4f9c; } a[aria-current=page] { font-weight: 700; }
  button, .button { font: inherit; padding: .5rem 1rem; margin: .25rem 0; cursor: pointer; border: 1px solid #0b4f9c; border-radius: 4px; background: #0b4f9c; color: #fff; text-decoration: none; display: inline-block; }
  button.danger { background: #fff; color: #9b1c1c; border-color: #9b1c1c; }
  #session button, #lang { background: #fff; color: #0b4f9c; }
  #session, #session form { display: inline; }
  :focus-visible { outline: 3px solid #d4351c; outline-offset: 2px; }
  ul.cards { list-style: none; padding: 0; } ul.cards > li { border: 1px solid #ccc; border-radius: 6px; padding: .75rem; margin: .5rem 0; }
  ul.rights { padding-left: 1.1rem; margin: 0; } ul.rights li { margin: .25rem 0; }
  label { display: block; margin: .75rem 0 .25rem; font-weight: 600; } label.check { font-weight: 400; display: inline-block; margin-right: 1rem; }
  input[type=text], select { font: inherit; width: 100%; box-sizing: border-box; padding: .5rem; border: 1px solid #555; border-radius: 4px; }
  fieldset { border: 1px solid #ccc; margin: .75rem 0; } .error { color: #9b1c1c; } .notice:empty { display: none; }
  .notice { background: #eef5ee; border-left: 4px solid #2e7d32; padding: .5rem .75rem; }
  .muted { color: #555; }
`;

/** An access page's frame: session controls, navigation, the language switch, an empty main, the data block, the script. */
export function portalAccessFrame(data: PortalPageData, scriptPath: string): string {
  const t = ACCESS_TEXTS.nb;
  const party = data.party ? `?party=${encodeURIComponent(data.party)}` : '';
  const link = (id: string, page: PortalPageData['page'], path: string, text: string) =>
    `<li><a id="${id}" href="${path}${escapeHtml(party)}"${data.page === page ? ' aria-current="page"' : ''}>${text}</a></li>`;
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.page === 'access' ? t.accessTitle : t.othersTitle)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<nav aria-label="Portal"><ul>${link('nav-access', 'access', '/portal/access', t.accessTitle)}${link('nav-others', 'others', '/portal/others', t.othersTitle)}</ul></nav>
<div>${data.csrf ? sessionControls(data.csrf) : ''} <button type="button" id="lang">English</button></div>
</header>
<main id="main"></main>
<script type="application/json" id="page-data">${scriptJson(data)}</script>
<script src="${escapeHtml(scriptPath)}" defer></script>
</body>
</html>`;
}

const html = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PORTAL_ACCESS_CSP, 'cache-control': 'no-store' },
  });

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/** A party URN as the pages accept it in `?party=`: urn:altinn:… of printable characters, at most 200. */
const PARTY_URN = /^urn:altinn:[\w:.-]{1,190}$/;

/**
 * The access pages as plain pages: `GET /portal/access` (Tilganger / Access) and `GET /portal/others` (Andre med
 * rettigheter / Others with rights), each for the party in `?party=` (default: the person logged in), and
 * `GET /portal/others.csv?party=`, the overview as a CSV file, read through the graph as the session's person (so
 * only an administrator of the party gets it). `graph` runs a request through this router itself.
 */
export function usePortalAccessPages(options: { sessions: PageSessions; graph: (request: Request) => Promise<Response> }): GatewayPlugin {
  const script = bundleAccessScript();
  script.catch(() => {});
  const csvDocument = import('node:fs/promises').then((fs) => fs.readFile(OTHERS_CSV_DOCUMENT, 'utf8'));
  csvDocument.catch(() => {});

  async function othersCsv(request: Request, url: URL): Promise<Response> {
    const party = url.searchParams.get('party') ?? '';
    if (!PARTY_URN.test(party)) return text('Missing or invalid party.', 400);
    if (!options.sessions.of(request)) {
      return new Response(null, { status: 303, headers: { location: `/auth/login?next=${encodeURIComponent(url.pathname + url.search)}` } });
    }
    const body = JSON.stringify({ query: await csvDocument, operationName: 'PortalOthersCsv', variables: { party } });
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
    const result = (await res.json().catch(() => ({}))) as {
      data?: { party: { organizationNumber: string | null; accessOverview: { csv: string } | null } | null };
      errors?: { extensions?: { code?: string } }[];
    };
    const found = result.data?.party;
    if (found?.accessOverview) {
      const name = `andre-med-rettigheter-${found.organizationNumber ?? 'party'}.csv`;
      return new Response(found.accessOverview.csv, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    }
    const code = result.errors?.[0]?.extensions?.code;
    if (code === 'UNAUTHENTICATED' || res.status === 401) return text('Log in again.', 401);
    if (!found) return text('No such party.', 404);
    return text('Only the organisation’s administrators may download who has rights.', 403);
  }

  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET') return;
      if (url.pathname.startsWith('/assets/portal-access.')) return endResponse(await scriptResponse(script, url.pathname));
      if (url.pathname === '/portal/others.csv') return endResponse(await othersCsv(request, url));
      const page = url.pathname === '/portal/access' ? 'access' : url.pathname === '/portal/others' ? 'others' : null;
      if (!page) return;
      const session = options.sessions.of(request);
      const asked = url.searchParams.get('party');
      if (asked !== null && !PARTY_URN.test(asked)) return endResponse(text('Invalid party.', 400));
      const pid = typeof session?.claims.pid === 'string' ? session.claims.pid : null;
      const party = asked ?? (pid ? `urn:altinn:person:identifier-no:${pid}` : null);
      return endResponse(html(portalAccessFrame({ page, csrf: session?.csrf ?? null, party }, (await script).path)));
    },
  };
}
