/** What the server tells an access page's script, in its `page-data` JSON block (data, never run). */
export interface PortalPageData {
  page: 'access' | 'others';
  /** The login session's CSRF token; null when nobody is logged in (the script then sends the person to log in). */
  csrf: string | null;
  /** The party the person acts for (a URN); null before login. */
  party: string | null;
}
