import type { ClientRow } from './client.loader';

/** Loopback hosts whose port a native app picks when it starts (RFC 8252 §7.3). */
const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(?=[/?]|$)/;
const withoutLoopbackPort = (url: string) => url.replace(LOOPBACK, 'http://$1');

/**
 * RFC 9700 §4.1.3: a redirect URL matches a registered one by exact string comparison (no normalising, no prefixes,
 * no wildcards), except for the port of a loopback `http` URL, which the client may choose at run time (RFC 8252 §7.3).
 */
export function isRegisteredRedirect(url: string, registered: readonly string[]): boolean {
  return registered.some((r) => r === url || (LOOPBACK.test(r) && withoutLoopbackPort(r) === withoutLoopbackPort(url)));
}

export type RedirectCheck = { ok: true } | { ok: false; problem: string };

/**
 * Whether `url` is one of the redirect URLs registered for the caller's client. `clientId` is the token's
 * `client_id`; `client` its registration (null if it has none), which must belong to the caller's organisation.
 */
export function checkRedirect(url: string, clientId: string | null, client: ClientRow | null, organizationId: string): RedirectCheck {
  if (!clientId) return { ok: false, problem: 'your token names no client (client_id), so no redirect URL is registered for it' };
  if (!client || client.organizationId !== organizationId) {
    return { ok: false, problem: `client ${clientId} has no registered redirect URLs; register the client and its redirect URLs with the hub first` };
  }
  if (!client.redirectUris.length) return { ok: false, problem: `client ${clientId} has no registered redirect URLs` };
  if (!isRegisteredRedirect(url, client.redirectUris)) {
    return { ok: false, problem: `is not a redirect URL registered for client ${clientId} (registered: ${client.redirectUris.join(', ')})` };
  }
  return { ok: true };
}
