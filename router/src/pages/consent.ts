import { LABELS } from './consent-labels';
import { escapeHtml, page } from './html';

/** Texts of the consent pages, Norwegian Bokmål first; the page switches language without a reload. */
const TEXTS = {
  nb: {
    title: 'Samtykke',
    loading: 'Henter forespørselen …',
    asks: 'ber om ditt samtykke',
    handledBy: 'Behandles av',
    onBehalfOf: 'Gjelder',
    answeringFor: 'Du svarer på vegne av',
    sources: 'Opplysningene utleveres av',
    and: 'og',
    rights: 'Dette gjelder',
    validTo: 'Samtykket gjelder til',
    message: 'Melding fra virksomheten',
    oneTime: 'Samtykket brukes én gang.',
    accept: 'Ja, jeg gir samtykke',
    reject: 'Nei, jeg gir ikke samtykke',
    switchLang: 'English',
    notFound: 'Fant ingen slik forespørsel, eller du har ikke tilgang til den.',
    answered: 'Denne forespørselen er allerede besvart',
    expired: 'Denne forespørselen har utløpt.',
    withdrawn: 'Denne forespørselen er trukket tilbake.',
    loginFirst: 'Du må logge inn først.',
    overview: 'Mine samtykker',
    log: 'Samtykkelogg',
    withdraw: 'Se/trekk samtykke',
    confirmWithdraw: 'Trekke samtykket?',
    none: 'Ingen samtykker.',
    status: 'Status',
    error: 'Noe gikk galt',
  },
  en: {
    title: 'Consent',
    loading: 'Fetching the request …',
    asks: 'asks for your consent',
    handledBy: 'Handled by',
    onBehalfOf: 'Concerns',
    answeringFor: 'You answer on behalf of',
    sources: 'The data is disclosed by',
    and: 'and',
    rights: 'This concerns',
    validTo: 'The consent is valid until',
    message: 'Message from the organisation',
    oneTime: 'The consent is used once.',
    accept: 'Yes, I consent',
    reject: 'No, I do not consent',
    switchLang: 'Norsk',
    notFound: 'No such request was found, or you may not see it.',
    answered: 'This request has already been answered',
    expired: 'This request has expired.',
    withdrawn: 'This request was withdrawn.',
    loginFirst: 'Please log in first.',
    overview: 'My consents',
    log: 'Consent log',
    withdraw: 'View/withdraw consent',
    confirmWithdraw: 'Withdraw the consent?',
    none: 'No consents.',
    status: 'Status',
    error: 'Something went wrong',
  },
} as const;

/** JSON that is safe inside a <script> element, whatever the strings hold. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

// Shared by both pages: language, the person's token, and calls to the graph like any frontend.
const clientCommon = (devLogin: boolean) => `
const TEXTS = ${scriptJson(TEXTS)};
const LABELS = ${scriptJson(LABELS)};
let lang = localStorage.getItem('hub:lang') === 'en' ? 'en' : 'nb';
const t = (k) => TEXTS[lang][k];
const token = localStorage.getItem('hub:token');
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) k === 'text' ? (e.textContent = v) : e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
};
async function graph(query, variables) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}
function needLogin(main) {
  if (token) return false;
  if (${devLogin}) { location.replace('/dev/login?next=' + encodeURIComponent(location.pathname + location.search)); }
  else main.replaceChildren(el('p', { text: t('loginFirst') }));
  return true;
}
const label = (group, code) => LABELS[group][code]?.[lang] ?? code;
const resourceTitle = (r) => (lang === 'en' ? LABELS.resourceTitleEn[r.id] : null) ?? r.title ?? r.id;
const describeRight = (r) => resourceTitle(r.resource) + Object.entries(r.metadata ?? {}).map(([k, v]) => ' (' + label('metadata', k) + ': ' + v + ')').join('');
const joinNames = (names) => names.length < 2 ? (names[0] ?? '') : names.slice(0, -1).join(', ') + ' ' + t('and') + ' ' + names[names.length - 1];
const formatDate = (iso) => new Date(iso).toLocaleDateString(lang === 'nb' ? 'nb-NO' : 'en-GB', { timeZone: 'Europe/Oslo' });
document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'nb' ? 'en' : 'nb';
  localStorage.setItem('hub:lang', lang);
  render();
});
`;

const CONSENT_QUERY = `query ConsentPage($id: ID!) {
  me { id }
  consentRequest(id: $id) {
    id status validTo requestMessage oneTimeConsent
    from { id urn name } to { urn name } handledBy { urn name }
    rights { action metadata resource { id title owner { id name } } }
    template { title { nb en } text { nb en } nb: renderedText(lang: "nb") en: renderedText(lang: "en") }
  }
}`;

/**
 * The page a person answers a consent request on. It reads the request through the graph with the person's
 * token; the answer is a form POST to /consent/answer, which answers through the graph and redirects (303).
 */
export function consentRequestPage(id: string, state: string | null, devLogin: boolean): string {
  return page(
    'Samtykke',
    `<p><button type="button" id="lang"></button></p>
<main id="main"><p id="loading"></p></main>
<script>
const consentId = ${scriptJson(id)};
const state = ${scriptJson(state)};
${clientCommon(devLogin)}
let consent;
let viewerId;
let problem;
function render() {
  document.documentElement.lang = lang;
  document.getElementById('lang').textContent = t('switchLang');
  const main = document.getElementById('main');
  if (problem) { main.replaceChildren(el('h1', { text: t('title') }), el('p', { id: 'problem', text: problem() })); return; }
  if (!consent) { main.replaceChildren(el('p', { text: t('loading') })); return; }
  const c = consent;
  const closed = { EXPIRED: t('expired'), DELETED: t('withdrawn') }[c.status]
    ?? (c.status !== 'CREATED' ? t('answered') + ' (' + t('status').toLowerCase() + ': ' + label('status', c.status) + ').' : null);
  const rights = el('ul', { id: 'rights' }, ...c.rights.map((r) => el('li', { text: describeRight(r) })));
  const sources = [...new Map(c.rights.filter((r) => r.resource.owner).map((r) => [r.resource.owner.id, r.resource.owner.name])).values()];
  // A representative answers for someone else: say so, rather than "you".
  const self = viewerId === c.from.id;
  const parts = [
    el('h1', { text: c.template.title[lang] }),
    el('p', { id: 'requester', text: c.to.name + ' ' + t('asks') + '.' }),
    ...(c.handledBy ? [el('p', { id: 'handled-by', text: t('handledBy') + ': ' + c.handledBy.name })] : []),
    self ? el('p', { text: t('onBehalfOf') + ': ' + c.from.name }) : el('p', { id: 'on-behalf-of', text: t('answeringFor') + ' ' + c.from.name + '.' }),
    el('p', { id: 'text', text: c.template[lang] }),
    el('h2', { text: t('rights') }), rights,
    ...(sources.length ? [el('p', { id: 'sources', text: t('sources') + ' ' + joinNames(sources) + '.' })] : []),
    // The template's own text usually names the end date; say it once.
    ...(c.template.text[lang].includes('{Expiration}') ? [] : [el('p', { id: 'valid-to', text: t('validTo') + ' ' + formatDate(c.validTo) + '.' })]),
    ...(c.oneTimeConsent ? [el('p', { text: t('oneTime') })] : []),
    ...(c.requestMessage ? [el('h2', { text: t('message') }), el('blockquote', { id: 'message', text: c.requestMessage })] : []),
  ];
  if (closed) parts.push(el('p', { id: 'problem', text: closed }));
  else {
    const form = el('form', { method: 'post', action: '/consent/answer', id: 'answer' },
      el('input', { type: 'hidden', name: 'id', value: c.id }),
      el('input', { type: 'hidden', name: 'token', value: token }),
      ...(state !== null ? [el('input', { type: 'hidden', name: 'state', value: state })] : []),
      el('button', { type: 'submit', name: 'answer', value: 'accept', id: 'accept', text: t('accept') }), ' ',
      el('button', { type: 'submit', name: 'answer', value: 'reject', id: 'reject', text: t('reject') }));
    parts.push(form);
  }
  main.replaceChildren(...parts);
}
(async () => {
  render();
  if (needLogin(document.getElementById('main'))) return;
  try {
    const result = await graph(${scriptJson(CONSENT_QUERY)}, { id: consentId });
    consent = result.data?.consentRequest;
    viewerId = result.data?.me?.id;
    if (!consent) problem = () => t('notFound');
  } catch { problem = () => t('error'); }
  render();
})();
</script>`,
  );
}

const OVERVIEW_QUERY = `query ConsentOverview {
  me {
    consentsGiven { id status validTo oneTimeConsent to { name } rights { resource { id title } metadata } }
    consentLog { type at consent { id to { name } } }
  }
}`;

/** "Who has shared what about me": the person's consents and the consent log, with withdrawal. */
export function consentOverviewPage(devLogin: boolean): string {
  return page(
    'Mine samtykker',
    `<p><button type="button" id="lang"></button></p>
<main id="main"></main>
<script>
${clientCommon(devLogin)}
let data;
function render() {
  document.documentElement.lang = lang;
  document.getElementById('lang').textContent = t('switchLang');
  const main = document.getElementById('main');
  if (!data) { main.replaceChildren(el('p', { text: t('loading') })); return; }
  const consents = data.consentsGiven.map((c) => {
    const item = el('li', { 'data-consent': c.id },
      el('strong', { text: c.to.name }), ' — ',
      c.rights.map(describeRight).join(', '),
      ' — ' + t('status') + ': ', el('span', { class: 'status', 'data-status': c.status, text: label('status', c.status) }),
      ' — ' + t('validTo') + ' ' + formatDate(c.validTo));
    if (c.status === 'ACCEPTED' && !c.oneTimeConsent) {
      const button = el('button', { type: 'button', class: 'withdraw', text: t('withdraw') });
      button.addEventListener('click', async () => {
        if (!confirm(t('confirmWithdraw'))) return;
        await graph('mutation RevokeConsent($id: ID!) { revokeConsent(id: $id) { status } }', { id: c.id });
        await load();
      });
      item.append(' ', button);
    }
    return item;
  });
  const log = data.consentLog.map((e) => el('li', { text: new Date(e.at).toLocaleString(lang === 'nb' ? 'nb-NO' : 'en-GB', { timeZone: 'Europe/Oslo' }) + ' — ' + label('event', e.type) + ' — ' + e.consent.to.name }));
  main.replaceChildren(
    el('h1', { text: t('overview') }),
    consents.length ? el('ul', { id: 'consents' }, ...consents) : el('p', { text: t('none') }),
    el('h2', { text: t('log') }), el('ul', { id: 'log' }, ...log));
}
async function load() {
  const result = await graph(${scriptJson(OVERVIEW_QUERY)});
  data = result.data?.me ?? { consentsGiven: [], consentLog: [] };
  render();
}
render();
if (!needLogin(document.getElementById('main'))) load();
</script>`,
  );
}

/** A plain page for outcomes the answer endpoint cannot redirect from. */
export function consentProblemPage(message: string): string {
  return page('Samtykke', `<h1>Samtykke</h1><p id="problem">${escapeHtml(message)}</p>\n<p><a href="/consent/overview">Mine samtykker</a></p>`);
}
