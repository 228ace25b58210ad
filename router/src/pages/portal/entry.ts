/**
 * The access pages' browser script (bundled by esbuild, served as /assets/portal-access.<hash>.js). The server
 * renders an empty frame and a data block (`page-data`) naming the page and the party the person acts for; this
 * renders the page, and the language switch renders it again in the other language without asking the graph again.
 */
import type { Lang } from '../messages';
import { accessPage } from './access-page';
import { othersPage } from './others-page';
import { ACCESS_TEXTS } from './access-texts';
import { goToLogin } from './graph';
import type { PortalPageData } from './page-data';

const data = JSON.parse(document.getElementById('page-data')?.textContent ?? '{}') as PortalPageData;
let lang: Lang = localStorage.getItem('hub:lang') === 'en' ? 'en' : 'nb';
const main = document.getElementById('main')!;
const switchButton = document.getElementById('lang')!;

function showLanguage() {
  document.documentElement.lang = lang;
  const t = ACCESS_TEXTS[lang];
  switchButton.textContent = lang === 'nb' ? 'English' : 'Norsk';
  document.title = data.page === 'access' ? t.accessTitle : t.othersTitle;
  for (const [id, nb, en] of [
    ['logout', 'Logg ut', 'Log out'],
    ['switch-user', 'Bytt bruker', 'Switch user'],
    ['nav-access', 'Tilganger', 'Access'],
    ['nav-others', 'Andre med rettigheter', 'Others with rights'],
  ] as const) {
    const e = document.getElementById(id);
    if (e) e.textContent = lang === 'nb' ? nb : en;
  }
}

if (!data.csrf || !data.party) goToLogin();
else {
  showLanguage();
  const ctx = { main, party: data.party, lang: () => lang };
  const page = data.page === 'access' ? accessPage(ctx) : othersPage(ctx);
  switchButton.addEventListener('click', () => {
    lang = lang === 'nb' ? 'en' : 'nb';
    localStorage.setItem('hub:lang', lang);
    showLanguage();
    page.render();
  });
}
