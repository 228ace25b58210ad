import { escapeHtml, page } from './html';

/** The policy of the login's plain pages: no script at all. */
export const AUTH_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** A plain page about the login (logged out, a login that failed), with the way on: log in again. */
export function authPage(heading: string, message: string, loginPath = '/auth/login'): string {
  return page(
    heading,
    `<h1>${escapeHtml(heading)}</h1>
<p id="auth-message">${escapeHtml(message)}</p>
<p><a id="login-again" href="${escapeHtml(loginPath)}">Logg inn / Log in</a></p>`,
  );
}

/** The logout and switch-user buttons: forms that POST to /auth/logout with the session's CSRF token. */
export function sessionControls(csrf: string): string {
  const form = (id: string, label: string, extra: string) =>
    `<form method="post" action="/auth/logout" class="session-control"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}">${extra}<button type="submit" id="${id}">${label}</button></form>`;
  return `<nav id="session" aria-label="Innlogging">${form('logout', 'Logg ut', '')} ${form('switch-user', 'Bytt bruker', '<input type="hidden" name="switch" value="1">')}</nav>`;
}
