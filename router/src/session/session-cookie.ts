const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** How the router names and sets its cookies, by where it is served. */
export interface CookiePolicy {
  /** False only for http://localhost (or another loopback) outside production, where a browser would drop a Secure cookie. */
  secure: boolean;
  /** The session cookie's name: `__Host-` when Secure, so no subdomain can set or widen it. */
  session: string;
  /** The cookie that ties a login's callback to the browser that started it (state, PKCE verifier, nonce). */
  login: string;
}

export function cookiePolicy(publicUrl: string, production: boolean): CookiePolicy {
  const url = new URL(publicUrl);
  const secure = production || url.protocol === 'https:' || !LOOPBACK.has(url.hostname);
  const prefix = secure ? '__Host-' : '';
  return { secure, session: `${prefix}hub_session`, login: `${prefix}hub_login` };
}

/** A `Set-Cookie` value: httpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), host-only, path /. */
export function setCookie(policy: CookiePolicy, name: string, value: string, maxAgeSeconds?: number): string {
  return [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(policy.secure ? ['Secure'] : []),
    ...(maxAgeSeconds !== undefined ? [`Max-Age=${maxAgeSeconds}`] : []),
  ].join('; ');
}

/** A `Set-Cookie` value that removes the cookie. */
export const clearCookie = (policy: CookiePolicy, name: string) => setCookie(policy, name, '', 0);

/** One cookie's value from a request's `Cookie` header, or null. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
