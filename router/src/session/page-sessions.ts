import { cookiePolicy, readCookie, type CookiePolicy } from './session-cookie';
import { createSessionStore, type Session, type SessionLimits, type SessionStore } from './session-store';

/** The pages' sessions as the router's plugins use them: the store, the cookie policy, and lookup by request. */
export interface PageSessions {
  store: SessionStore;
  cookies: CookiePolicy;
  /** The request's live session; null without a session cookie or when it ended. */
  of(request: Request): Session | null;
  /** True when the request carries a session cookie at all (live or not). */
  presented(request: Request): boolean;
}

export function createPageSessions(publicUrl: string, production: boolean, limits: SessionLimits, now?: () => number): PageSessions {
  const store = createSessionStore(limits, now);
  const cookies = cookiePolicy(publicUrl, production);
  return {
    store,
    cookies,
    of(request) {
      const id = readCookie(request, cookies.session);
      return id ? store.get(id) : null;
    },
    presented: (request) => readCookie(request, cookies.session) !== null,
  };
}
