import { byId, describeRight, el, formatDate, formatTime, graph, label, needLogin, onLanguageSwitch, showLanguage, t, type Resource } from './common';

const OVERVIEW_QUERY = /* GraphQL */ `query ConsentOverview {
  me {
    name
    consentsGiven { id status validTo oneTimeConsent to { name } rights { resource { id title } metadata actions } }
    consentLog { type at consent { id to { name } } }
  }
}`;
const REVOKE = /* GraphQL */ `mutation RevokeConsent($id: ID!) { revokeConsent(id: $id) { status } }`;

interface Overview {
  name: string;
  consentsGiven: {
    id: string;
    status: string;
    validTo: string;
    oneTimeConsent: boolean;
    to: { name: string };
    rights: { resource: Resource; metadata: Record<string, string> | null; actions?: string[] }[];
  }[];
  consentLog: { type: string; at: string; consent: { id: string; to: { name: string } } }[];
}

/** "Who has shared what about me": the person's consents and the consent log, with withdrawal. */
export function overviewPage(options: { csrf: string | null }): void {
  let data: Overview | undefined;

  function render() {
    showLanguage();
    const main = byId('main');
    if (!data) {
      main.replaceChildren(el('p', { text: t('loading') }));
      return;
    }
    const consents = data.consentsGiven.map((c) => {
      const item = el(
        'li',
        { 'data-consent': c.id },
        el('strong', { text: c.to.name }),
        ' — ',
        c.rights.map(describeRight).join(', '),
        ` — ${t('status')}: `,
        el('span', { class: 'status', 'data-status': c.status, text: label('status', c.status) }),
        ` — ${t('validTo')} ${formatDate(c.validTo)}`,
      );
      if (c.status === 'ACCEPTED' && !c.oneTimeConsent) {
        const button = el('button', { type: 'button', class: 'withdraw', text: t('withdraw') });
        button.addEventListener('click', async () => {
          if (!confirm(t('confirmWithdraw'))) return;
          await graph(REVOKE, { id: c.id });
          await load();
        });
        item.append(' ', button);
      }
      return item;
    });
    const log = data.consentLog.map((e) => el('li', { text: `${formatTime(e.at)} — ${label('event', e.type)} — ${e.consent.to.name}` }));
    main.replaceChildren(
      el('h1', { text: t('overview') }),
      // Who is logged in: with a shared computer, the person sees whose consents these are (and may switch user).
      el('p', { id: 'viewer', text: `${t('loggedInAs')} ${data.name}` }),
      consents.length ? el('ul', { id: 'consents' }, ...consents) : el('p', { text: t('none') }),
      el('h2', { text: t('log') }),
      el('ul', { id: 'log' }, ...log),
    );
  }

  async function load() {
    const result = await graph<{ me: Overview | null }>(OVERVIEW_QUERY);
    data = result.data?.me ?? { name: '', consentsGiven: [], consentLog: [] };
    render();
  }

  onLanguageSwitch(render);
  render();
  if (!needLogin(byId('main'), options.csrf)) void load();
}
