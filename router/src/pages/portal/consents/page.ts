import { el, formatDate, link, pager, texts } from '../client/ui';
import { consentStatus, describeRight } from '../consent-words';
import { definePage } from '../page';
import { messages } from './messages';
import { CONSENTS_QUERY } from './query';
import { notice, withdrawButton } from './withdraw';

/** Samtykker / Consents: what the party has consented to, with "Se" (the detail page) and "Trekk" (withdraw). */
export const consentsPage = definePage({
  id: 'consents',
  path: '/portal/consents',
  nav: { nb: 'Samtykker', en: 'Consents' },
  title: { nb: 'Samtykker', en: 'Consents' },
  query: CONSENTS_QUERY,
  variables: (ctx) => ({ party: ctx.party, after: ctx.search.get('after') }),
  render(data, ctx) {
    const t = texts(messages, ctx.lang);
    const party = data.party;
    if (!party) return [];
    const page = party.consentsGivenPage;
    const consents = page?.nodes ?? [];
    const items = consents.map((c) =>
      el(
        'li',
        { 'data-consent': c.id },
        el('h2', { text: c.to.name }),
        el(
          'dl',
          {},
          el('dt', { text: t('data') }),
          el('dd', { text: c.rights.map((r) => describeRight(r, ctx.lang)).join(', ') }),
          el('dt', { text: t('status') }),
          el(
            'dd',
            {},
            el('span', {
              class: `status ${c.status === 'ACCEPTED' ? 'active' : 'ended'}`,
              'data-status': c.status,
              text: consentStatus(c.status, ctx.lang),
            }),
            c.oneTimeConsent ? ` · ${t('oneTime')}` : '',
          ),
          el('dt', { text: t('validTo') }),
          el('dd', { text: formatDate(c.validTo, ctx.lang) }),
          c.answeredBy && c.answeredBy.name !== party.name ? el('dt', { text: t('givenBy') }) : null,
          c.answeredBy && c.answeredBy.name !== party.name ? el('dd', { text: c.answeredBy.name }) : null,
          c.handledBy ? el('dt', { text: t('handledBy') }) : null,
          c.handledBy ? el('dd', { text: c.handledBy.name }) : null,
        ),
        el(
          'div',
          { class: 'actions' },
          link(`/portal/consents/${c.id}`, t('see'), { class: 'button secondary', 'aria-label': `${t('seeLabel')} ${c.to.name}` }),
          c.status === 'ACCEPTED' && !c.oneTimeConsent ? withdrawButton(c, ctx, messages[ctx.lang]) : null,
        ),
      ),
    );
    return [
      notice() ?? '',
      el('p', {}, `${t('intro')} `, el('strong', { text: party.name }), '.'),
      items.length ? el('ul', { class: 'cards', id: 'consents' }, ...items) : el('p', { id: 'no-consents', text: t('none') }),
      pager(page?.pageInfo, ctx.search, { next: t('next'), first: t('first') }) ?? '',
    ];
  },
});
