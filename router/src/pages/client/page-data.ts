/**
 * What the server tells a consent page's script: a `<script type="application/json" id="page-data">` block, which a
 * CSP without `'unsafe-inline'` still lets the page read (it is data, never run). `csrf` is the login session's
 * CSRF token, for the forms that change something; null when nobody is logged in (the script then sends the
 * person to `/auth/login`).
 */
export type PageData = { page: 'request'; csrf: string | null; id: string; state: string | null } | { page: 'overview'; csrf: string | null };

/** Sent by the pages' script with every GraphQL call: without a live session, the call is refused (401), not anonymous. */
export const SESSION_EXPECTED_HEADER = 'x-hub-session';

/** The data block's element id. */
export const PAGE_DATA_ID = 'page-data';
