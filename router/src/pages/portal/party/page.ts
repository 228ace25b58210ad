import { el, formatDate, texts } from '../client/ui';
import { reasonWords } from '../consent-words';
import { definePage } from '../page';
import { messages } from './messages';
import { PARTY_PICKER_QUERY } from './query';

/**
 * The party picker (`/portal/party`, not in the navigation): the person themselves, then the people and the
 * organisations they may act for. Each choice is a form that POSTs to /portal/party with the session's CSRF token;
 * the router checks the choice with the graph and keeps it in the login session.
 */
export const partyPage = definePage({
  id: 'party',
  path: '/portal/party',
  nav: null,
  title: { nb: 'Hvem vil du handle på vegne av?', en: 'Whom do you want to act for?' },
  query: PARTY_PICKER_QUERY,
  variables: () => ({}),
  render(data, ctx) {
    const t = texts(messages, ctx.lang);
    const me = data.me;
    if (!me) return [];
    const next = ctx.search.get('next') ?? '/portal/';
    const choice = (
      p: { urn: string; name: string; type: string; organizationNumber: string | null; birthDate: string | null },
      why: string | null,
    ) => {
      const detail = p.organizationNumber
        ? `${t('orgNo')} ${p.organizationNumber}`
        : p.birthDate
          ? `${t('born')} ${formatDate(p.birthDate, ctx.lang)}`
          : '';
      return el(
        'li',
        { 'data-party': p.urn },
        el(
          'form',
          { method: 'post', action: '/portal/party' },
          el('input', { type: 'hidden', name: 'csrf', value: ctx.csrf }),
          el('input', { type: 'hidden', name: 'party', value: p.urn }),
          el('input', { type: 'hidden', name: 'next', value: next }),
          el('h3', { text: p.name }),
          detail ? el('p', { class: 'muted', text: detail }) : null,
          why ? el('p', { class: 'muted', text: why }) : null,
          ctx.party === p.urn ? el('p', { class: 'status active', text: t('current') }) : null,
          el('button', { type: 'submit', 'aria-label': `${t('choose')} ${p.name}`, text: t('choose') }),
        ),
      );
    };
    const rows = me.authorizedPartiesWithReasons ?? [];
    const why = (r: (typeof rows)[number]) => reasonWords(r.reasons, ctx.lang) + (r.viaMainUnit ? ` (${t('via')} ${r.viaMainUnit.name})` : '');
    const persons = rows.filter((r) => r.party.type === 'PERSON' && r.party.urn !== me.urn);
    const orgs = rows.filter((r) => r.party.type !== 'PERSON');
    const section = (id: string, heading: string, items: HTMLElement[]) =>
      items.length
        ? el('section', { id, 'aria-labelledby': `${id}-h` }, el('h2', { id: `${id}-h`, text: heading }), el('ul', { class: 'cards' }, ...items))
        : null;
    return [
      el('p', { text: t('intro') }),
      ...[
        section('choose-self', t('yourself'), [choice({ ...me, organizationNumber: null, birthDate: null }, null)]),
        section(
          'choose-persons',
          t('persons'),
          persons.map((r) => choice(r.party, why(r))),
        ),
        section(
          'choose-organisations',
          t('organisations'),
          orgs.map((r) => choice(r.party, why(r))),
        ),
      ].filter((s): s is HTMLElement => s !== null),
    ];
  },
});
