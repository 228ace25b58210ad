import { escapeHtml, scriptJson } from '../html';
import type { PortalPage } from './page';

/** What the server tells the portal's script: a JSON data block (data, never run; allowed by a strict CSP). */
export interface PortalData {
  /** The page's id in the list (`pages.ts`). */
  page: string;
  params: Record<string, string>;
  /** The party acted for; null on the party picker before a choice. */
  party: string | null;
  /** The login session's CSRF token (logout, switch user, the party picker's forms). */
  csrf: string;
}

export const PORTAL_DATA_ID = 'portal-data';

/**
 * A portal page's frame: an empty body for the script to fill (header, navigation, the page), the data block, the
 * style sheet and the bundled script from this site. Nothing runs inline.
 */
export function portalFrame(page: PortalPage, data: PortalData, assets: { script: string; style: string }): string {
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title.nb)} – Min side</title>
<link rel="stylesheet" href="${escapeHtml(assets.style)}">
<script src="${escapeHtml(assets.script)}" defer></script>
</head>
<body data-page="${escapeHtml(page.id)}">
<div id="portal"><main id="main"><h1>${escapeHtml(page.title.nb)}</h1><p>Henter …</p></main></div>
<script type="application/json" id="${PORTAL_DATA_ID}">${scriptJson(data)}</script>
</body>
</html>`;
}
