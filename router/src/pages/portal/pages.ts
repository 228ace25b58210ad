/**
 * THE LIST OF PORTAL PAGES. The router serves each under its path (`plugins/use-portal.ts`), the navigation shows
 * those with a `nav` label in this order, and the browser script (`client/portal.ts`) renders the one asked for.
 *
 * To add a page:
 *  1. Make a folder beside this file, e.g. `access/`, with
 *     - `query.ts`: the page's ONE query, `export const ACCESS_QUERY = graphql(\`query PortalAccess($party: String!) { … }\`)`
 *       (gql.tada types it from the schema; select `me { name }` and `party(urn: $party) { name }` for the header),
 *     - `messages.ts`: the page's words, `{ nb: {…}, en: {…} } satisfies Messages`,
 *     - `page.ts`: `export const accessPage = definePage({ id, path: '/portal/access', nav: { nb, en }, title: { nb, en },
 *       query: ACCESS_QUERY, render(data, ctx) { … } })`; build elements with `el()` from `client/ui.ts`, never
 *       innerHTML; run mutations with `ctx.run(graphql(…), vars)` then `ctx.reload()`.
 *  2. Add the page to PORTAL_PAGES below (one line).
 *  3. Its query is validated against the supergraph by `router/src/pages/portal/portal-queries.test.ts` (automatic)
 *     and typed by `npm run check`; add a browser test in `test/browser/portal-<page>.e2e.ts`.
 */
import { accessPage } from './access/page';
import { consentPage } from './consent/page';
import { consentLogPage } from './consent-log/page';
import { consentsPage } from './consents/page';
import { overviewPage } from './overview/page';
import { othersPage } from './others/page';
import type { PortalPage } from './page';
import { partyPage } from './party/page';
import { retrievalsPage } from './retrievals/page';
import { supportLookupsPage } from './support-lookups/page';

/** The party picker's id: the one page served before the person has chosen whom to act for. */
export const PARTY_PAGE_ID = 'party';

export const PORTAL_PAGES: readonly PortalPage[] = [
  overviewPage,
  accessPage,
  othersPage,
  consentsPage,
  consentPage,
  consentLogPage,
  retrievalsPage,
  supportLookupsPage,
  partyPage,
];
