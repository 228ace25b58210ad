// The portal's browser helpers, shared by the shell and the pages. Nothing here touches the DOM or storage when
// imported (the router imports the page list too, on the server), only when called.
import type { Lang, Messages } from '../page';

/** The remembered language: the same key as the consent pages, so a choice holds on every page of the hub. */
export const LANG_KEY = 'hub:lang';
export const storedLang = (): Lang => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'nb');

/** An element with attributes (`text` sets its text) and children; null and false children are left out. */
export function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string | null | false | undefined)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== false && c !== undefined) e.append(c);
  return e;
}

/** A page's `t`: its words in the current language. */
export const texts =
  <K extends string>(messages: Messages<K>, lang: Lang) =>
  (key: K): string =>
    messages[lang][key];

const locale = (lang: Lang) => (lang === 'nb' ? 'nb-NO' : 'en-GB');
/** 01.02.2027 / 01/02/2027, in Norwegian time. */
export const formatDate = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleDateString(locale(lang), { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' });
export const formatTime = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleString(locale(lang), {
    timeZone: 'Europe/Oslo',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/** "A, B and C". */
export const joinNames = (names: string[], and: string) =>
  names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;

/** A link within the portal. */
export const link = (href: string, text: string, attrs: Record<string, string> = {}) => el('a', { href, text, ...attrs });

/**
 * A "next page" link for a `…Page` connection: the same page with `?after=<endCursor>`, and a link back to the first
 * page when this is not it.
 */
export function pager(
  pageInfo: { hasNextPage: boolean; endCursor: string | null } | null | undefined,
  search: URLSearchParams,
  words: { next: string; first: string },
): HTMLElement | null {
  const links: HTMLElement[] = [];
  if (search.get('after')) links.push(link(location.pathname, words.first, { class: 'pager-first' }));
  if (pageInfo?.hasNextPage && pageInfo.endCursor) {
    const next = new URLSearchParams(search);
    next.set('after', pageInfo.endCursor);
    links.push(link(`${location.pathname}?${next}`, words.next, { class: 'pager-next', rel: 'next' }));
  }
  return links.length ? el('nav', { class: 'pager', 'aria-label': words.next }, ...links) : null;
}
