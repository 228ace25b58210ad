/**
 * What the server tells a consent page's script: a `<script type="application/json" id="page-data">` block, which a
 * CSP without `'unsafe-inline'` still lets the page read (it is data, never run).
 */
export type PageData =
  | { page: 'request'; devLogin: boolean; id: string; state: string | null }
  | { page: 'overview'; devLogin: boolean };

/** The data block's element id. */
export const PAGE_DATA_ID = 'page-data';
