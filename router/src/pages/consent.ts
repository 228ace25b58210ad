import { PAGE_DATA_ID, type PageData } from './client/page-data';
import { sessionControls } from './auth';
import { escapeHtml, page, scriptJson } from './html';
import { TEXTS } from './messages';

/**
 * A consent page's frame: the language switch, an empty main, what the script needs to know as a data block, and
 * the bundled script (`client/consent.ts`) from this site. Nothing here runs inline.
 */
function consentFrame(title: string, data: PageData, scriptPath: string): string {
  return page(
    title,
    `${data.csrf ? sessionControls(data.csrf) : ''}
<p><button type="button" id="lang"></button></p>
<main id="main"></main>
<script type="application/json" id="${PAGE_DATA_ID}">${scriptJson(data)}</script>
<script src="${escapeHtml(scriptPath)}" defer></script>`,
  );
}

/**
 * The page a person answers a consent request on. Its script reads the request through the graph with the
 * person's token; the answer is a form POST to /consent/answer, which answers through the graph and redirects (303).
 */
export function consentRequestPage(id: string, state: string | null, csrf: string | null, scriptPath: string): string {
  return consentFrame(TEXTS.nb.title, { page: 'request', id, state, csrf }, scriptPath);
}

/** "Who has shared what about me": the person's consents and the consent log, with withdrawal. */
export function consentOverviewPage(csrf: string | null, scriptPath: string): string {
  return consentFrame(TEXTS.nb.overview, { page: 'overview', csrf }, scriptPath);
}

/** A plain page for outcomes the answer endpoint cannot redirect from. */
export function consentProblemPage(message: string): string {
  return page(
    TEXTS.nb.title,
    `<h1>${TEXTS.nb.title}</h1><p id="problem">${escapeHtml(message)}</p>\n<p><a href="/consent/overview">${TEXTS.nb.overview}</a></p>`,
  );
}
