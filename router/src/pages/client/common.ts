// Shared by both consent pages: language, and calls to the graph like any frontend, with the login session's
// cookie (httpOnly: this script never sees it, and no token is kept in the browser's storage).
import { LABELS, TEXTS, type Lang, type TextKey } from '../messages';
import { SESSION_EXPECTED_HEADER } from './page-data';

let lang: Lang = localStorage.getItem('hub:lang') === 'en' ? 'en' : 'nb';

export const currentLang = (): Lang => lang;
export const t = (key: TextKey): string => TEXTS[lang][key];

/** An element with attributes (`text` sets its text) and children. */
export function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

export function byId(id: string): HTMLElement {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} is missing`);
  return e;
}

export interface GraphResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graph<T>(query: string, variables?: Record<string, unknown>): Promise<GraphResult<T>> {
  const res = await fetch('/graphql', {
    method: 'POST',
    // The page was served to a logged-in person: if the session is gone (cookie removed, logged out in another
    // tab), the router answers 401 rather than treating the call as anonymous, which would show an empty page.
    headers: { 'content-type': 'application/json', [SESSION_EXPECTED_HEADER]: '1' },
    credentials: 'same-origin',
    body: JSON.stringify({ query, variables }),
  });
  // The session ended (idle, too old, logged out elsewhere): log in again and come back, never an empty page.
  if (res.status === 401) {
    goToLogin();
    return new Promise(() => {});
  }
  return (await res.json()) as GraphResult<T>;
}

/** Sends the person to the login, to come back to this page. */
export function goToLogin(): void {
  location.replace(`/auth/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

/** True, after sending the person to log in, when nobody is logged in (the page has no session's CSRF token). */
export function needLogin(main: HTMLElement, csrf: string | null): boolean {
  if (csrf) return false;
  main.replaceChildren(el('p', { text: t('loginFirst') }));
  goToLogin();
  return true;
}

export const label = (group: 'metadata' | 'status' | 'event' | 'action', code: string): string => LABELS[group][code]?.[lang] ?? code;

export interface Resource {
  id: string;
  title: string | null;
}
const resourceTitle = (r: Resource) => (lang === 'en' ? LABELS.resourceTitleEn[r.id] : null) ?? r.title ?? r.id;

/** A right as a list shows it: the resource, its metadata, and the acts it allows when it is a consent to act. */
export const describeRight = (r: { resource: Resource; metadata?: Record<string, string> | null; actions?: string[] }) =>
  resourceTitle(r.resource) +
  Object.entries(r.metadata ?? {})
    .map(([k, v]) => ` (${label('metadata', k)}: ${v})`)
    .join('') +
  (r.actions?.some((a) => a !== 'consent') ? `: ${r.actions.map((a) => label('action', a)).join(', ')}` : '');

export const joinNames = (names: string[]) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${t('and')} ${names[names.length - 1]}`;

const locale = () => (lang === 'nb' ? 'nb-NO' : 'en-GB');
export const formatDate = (iso: string) => new Date(iso).toLocaleDateString(locale(), { timeZone: 'Europe/Oslo' });
export const formatTime = (iso: string) => new Date(iso).toLocaleString(locale(), { timeZone: 'Europe/Oslo' });

/** Marks the document with the current language and labels the switch with the other one. */
export function showLanguage(): void {
  document.documentElement.lang = lang;
  byId('lang').textContent = t('switchLang');
  // The server writes the login buttons in Norwegian; they follow the language like the rest.
  const logout = document.getElementById('logout');
  if (logout) logout.textContent = t('logout');
  const switchUser = document.getElementById('switch-user');
  if (switchUser) switchUser.textContent = t('switchUser');
}

/** Switches language (remembered in this browser) on the button, then renders the page again. */
export function onLanguageSwitch(render: () => void): void {
  byId('lang').addEventListener('click', () => {
    lang = lang === 'nb' ? 'en' : 'nb';
    localStorage.setItem('hub:lang', lang);
    render();
  });
}
