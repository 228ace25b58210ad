/**
 * The portal's browser script, bundled by esbuild (`../../assets.ts`) and served as /assets/portal.<hash>.js. The
 * server renders an empty frame and a data block (`../frame.ts`); this script builds the header, the navigation and
 * the page, from the page's one query run through the graph in the person's login session (an httpOnly cookie:
 * no token is ever in the browser's storage).
 */
import { print } from '@0no-co/graphql.web';
import { SESSION_EXPECTED_HEADER } from '../../client/page-data';
import { PORTAL_DATA_ID, type PortalData } from '../frame';
import type { GraphError, Lang, PageContext, PortalPage } from '../page';
import { PARTY_PAGE_ID, PORTAL_PAGES } from '../pages';
import { SHELL } from '../shell-messages';
import { el, LANG_KEY, storedLang, texts } from './ui';

/** A query's answer as the shell holds it: the page's own `render` knows its shape. */
type GraphResult = { data?: Record<string, unknown> & { me?: { name?: string }; party?: { name?: string } }; errors?: GraphError[] };

const data = JSON.parse(document.getElementById(PORTAL_DATA_ID)?.textContent ?? '{}') as PortalData;
const page = PORTAL_PAGES.find((p) => p.id === data.page)!;
let lang: Lang = storedLang();

/** Sends the person to log in, to come back to this page acting for the same party. */
function goToLogin(): void {
  const back = new URL(location.href);
  if (data.party) back.searchParams.set('party', data.party);
  location.replace(`/auth/login?next=${encodeURIComponent(back.pathname + back.search)}`);
}

async function run(document: unknown, variables: Record<string, unknown>): Promise<GraphResult> {
  const res = await fetch('/graphql', {
    method: 'POST',
    // Without a live session the router answers 401 (not an anonymous, empty answer): the page goes to the login.
    headers: { 'content-type': 'application/json', [SESSION_EXPECTED_HEADER]: '1' },
    credentials: 'same-origin',
    body: JSON.stringify({ query: print(document as Parameters<typeof print>[0]), variables }),
  });
  if (res.status === 401) {
    goToLogin();
    return new Promise(() => {});
  }
  return (await res.json()) as GraphResult;
}

let result: GraphResult | undefined;

function context(): PageContext {
  return {
    party: data.party ?? '',
    params: data.params,
    search: new URLSearchParams(location.search),
    lang,
    csrf: data.csrf,
    run: run as PageContext['run'],
    reload: load,
  };
}

function sessionForm(id: string, label: string, switchUser: boolean): HTMLElement {
  return el(
    'form',
    { method: 'post', action: '/auth/logout' },
    el('input', { type: 'hidden', name: 'csrf', value: data.csrf }),
    switchUser && el('input', { type: 'hidden', name: 'switch', value: '1' }),
    switchUser && el('input', { type: 'hidden', name: 'next', value: '/portal/' }),
    el('button', { type: 'submit', id, class: 'secondary', text: label }),
  );
}

function header(me: { name?: string } | null | undefined, party: { name?: string } | null | undefined): HTMLElement {
  const t = texts(SHELL, lang);
  const langButton = el('button', {
    type: 'button',
    id: 'lang',
    class: 'secondary',
    lang: lang === 'nb' ? 'en' : 'nb',
    'aria-label': t('switchLangLabel'),
    text: t('switchLang'),
  });
  langButton.addEventListener('click', () => {
    lang = lang === 'nb' ? 'en' : 'nb';
    localStorage.setItem(LANG_KEY, lang);
    render();
    document.getElementById('lang')?.focus();
  });
  const changeParty = `/portal/party?next=${encodeURIComponent(location.pathname + location.search)}`;
  return el(
    'header',
    { class: 'portal-header' },
    el(
      'div',
      { class: 'top' },
      el('a', { href: '/portal/', class: 'brand', text: t('portal') }),
      el(
        'div',
        { class: 'tools', role: 'group', 'aria-label': t('session') },
        langButton,
        sessionForm('logout', t('logout'), false),
        sessionForm('switch-user', t('switchUser'), true),
      ),
    ),
    el(
      'div',
      { class: 'who' },
      me?.name ? el('p', { id: 'viewer' }, `${t('loggedInAs')} `, el('strong', { text: me.name })) : null,
      party?.name && page.id !== PARTY_PAGE_ID
        ? el(
            'p',
            { id: 'acting-for' },
            `${t('actingFor')} `,
            el('strong', { id: 'acting-for-name', text: party.name }),
            ' · ',
            el('a', { href: changeParty, id: 'change-party', text: t('changeParty') }),
          )
        : null,
    ),
  );
}

function nav(): HTMLElement {
  const t = texts(SHELL, lang);
  const items = PORTAL_PAGES.filter((p): p is PortalPage & { nav: NonNullable<PortalPage['nav']> } => p.nav !== null).map((p) => {
    const href = p.path === '/portal' ? '/portal/' : p.path;
    const current = p.id === page.id || (page.nav === null && page.path.startsWith(`${p.path}/`) && p.path !== '/portal');
    return el('li', {}, el('a', { href, ...(current ? { 'aria-current': 'page' } : {}), text: p.nav[lang] }));
  });
  return el('nav', { class: 'portal-nav', 'aria-label': t('menu') }, el('ul', {}, ...items));
}

function render(): void {
  const t = texts(SHELL, lang);
  document.documentElement.lang = lang;
  document.title = `${page.title[lang]} – ${t('portal')}`;
  const main = el('main', { id: 'main', tabindex: '-1' }, el('h1', { text: page.title[lang] }));
  const d = result?.data;
  if (!result) main.append(el('p', { text: t('loading') }));
  else if (!d) {
    const forbidden = result.errors?.some((e) => e.extensions?.code === 'FORBIDDEN');
    main.append(el('p', { class: 'notice', id: 'problem', text: forbidden ? t('forbidden') : t('error') }));
  } else {
    try {
      main.append(...page.render(d, context()));
    } catch (err) {
      console.error(err);
      main.append(el('p', { class: 'notice', id: 'problem', text: t('error') }));
    }
  }
  const skip = el('a', { class: 'skip', href: '#main', text: t('skip') });
  document.getElementById('portal')!.replaceChildren(skip, header(d?.me, d?.party), nav(), main);
  document.body.dataset.ready = result ? 'true' : 'false';
}

async function load(): Promise<void> {
  const ctx = context();
  const variables = page.variables ? page.variables(ctx) : { party: ctx.party };
  try {
    result = await run(page.query, variables as Record<string, unknown>);
  } catch {
    result = { errors: [{ message: 'network' }] };
  }
  render();
}

render();
void load();
