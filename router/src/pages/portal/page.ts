import type { ResultOf, TadaDocumentNode, VariablesOf } from './graphql';

/** Any typed document: the pages' list holds pages of different queries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDocument = TadaDocumentNode<any, any>;

export type Lang = 'nb' | 'en';
export type Bilingual = Record<Lang, string>;
/** A page's own words: the same keys in Bokmål and English. */
export type Messages<K extends string = string> = Record<Lang, Record<K, string>>;

/** What the shell gives a page's functions in the browser. */
export interface PageContext {
  /** The URN of the party the person acts for (chosen on /portal/party, kept in the login session). */
  party: string;
  /** The path's parameters (`:id` in the page's path). */
  params: Record<string, string>;
  /** The address's query string (`after` for paging, …). */
  search: URLSearchParams;
  lang: Lang;
  /** The login session's CSRF token, for forms that POST to the router. */
  csrf: string;
  /** Runs a mutation (or another query) through the graph in the person's session; a 401 goes to the login. */
  run<D extends AnyDocument>(document: D, variables: VariablesOf<D>): Promise<{ data?: ResultOf<D> | null; errors?: GraphError[] }>;
  /** Runs the page's query again and renders it. */
  reload(): Promise<void>;
}

export interface GraphError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; reason?: string };
}

/**
 * One portal page. `query` is the page's ONE GraphQL query (in `query.ts` beside the page, typed by gql.tada); its
 * result must select `me { name }` and `party(urn: $party) { name }`, which the shell shows as "logged in as" and
 * "acting for". `render` builds the page's content (inside `<main>`, after the shell's heading) from the result.
 */
export interface PortalPage<D extends AnyDocument = AnyDocument> {
  /** Stable id: the data block's `page`, `data-page` on <body>, the test's handle. */
  id: string;
  /** Under /portal; `:name` is a path parameter, e.g. `/portal/consents/:id`. */
  path: string;
  /** The navigation's label; null keeps the page out of the navigation (detail pages). */
  nav: Bilingual | null;
  /** The page's <h1> and <title>. */
  title: Bilingual;
  query: D;
  /** The query's variables; by default `{ party }`. */
  variables?(ctx: PageContext): VariablesOf<D>;
  render(data: ResultOf<D>, ctx: PageContext): (Node | string)[];
}

/** Type-checks a page against its own query (so `render` gets the query's result type) and erases it for the list. */
export const definePage = <D extends AnyDocument>(page: PortalPage<D>): PortalPage => page as unknown as PortalPage;

/** The page whose path matches, and the path's parameters. */
export function matchPage(pages: readonly PortalPage[], pathname: string): { page: PortalPage; params: Record<string, string> } | null {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  for (const page of pages) {
    const want = page.path.split('/');
    const got = path.split('/');
    if (want.length !== got.length) continue;
    const params: Record<string, string> = {};
    if (
      want.every((part, i) => {
        if (part.startsWith(':')) {
          params[part.slice(1)] = decodeURIComponent(got[i]!);
          return got[i] !== '';
        }
        return part === got[i];
      })
    )
      return { page, params };
  }
  return null;
}
