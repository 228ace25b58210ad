/**
 * What the server tells a consent page's script: a `<script type="application/json" id="page-data">` block, which a
 * CSP without `'unsafe-inline'` still lets the page read (it is data, never run). `csrf` is the login session's
 * CSRF token, for the forms that change something; null when nobody is logged in (the script then sends the
 * person to `/auth/login`).
 */
export type PageData =
  | { page: 'request'; csrf: string | null; id: string; state: string | null }
  | { page: 'overview'; csrf: string | null };

/** The data block's element id. */
export const PAGE_DATA_ID = 'page-data';
