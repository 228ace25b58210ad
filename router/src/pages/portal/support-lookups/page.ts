import { el, pager, texts } from '../client/ui';
import { definePage } from '../page';
import { dayAndTime } from './day-and-time';
import { messages } from './messages';
import { SUPPORT_LOOKUPS_QUERY } from './query';

/** Oppslag fra brukerservice / Lookups by user support: who from support saw the party's access, when, under which case. */
export const supportLookupsPage = definePage({
  id: 'support-lookups',
  path: '/portal/support-lookups',
  nav: { nb: 'Brukerservice', en: 'User support' },
  title: { nb: 'Oppslag fra Altinn brukerservice', en: 'Lookups by Altinn user support' },
  query: SUPPORT_LOOKUPS_QUERY,
  variables: (ctx) => ({ party: ctx.party, after: ctx.search.get('after') }),
  render(data, ctx) {
    const t = texts(messages, ctx.lang);
    const party = data.party;
    if (!party) return [];
    const page = party.supportLookupsPage;
    const own = data.me?.urn === party.urn;
    const items = (page?.nodes ?? []).map((l) =>
      el(
        'li',
        { 'data-lookup': l.caseNumber },
        el(
          'span',
          { class: 'sentence' },
          `${t('who')} ${own ? t('sawYours') : `${t('sawOf')} ${party.name}`} `,
          el('time', { datetime: l.at, text: dayAndTime(l.at, ctx.lang) }),
          `, ${t('case')} ${l.caseNumber}`,
        ),
        l.reason ? el('span', { class: 'muted' }, el('br'), `${t('reason')}: ${l.reason}`) : null,
      ),
    );
    return [
      el('p', {}, `${t('intro')} `, el('strong', { text: party.name }), `. ${t('why')}`),
      items.length ? el('ol', { class: 'plain log', id: 'support-lookups' }, ...items) : el('p', { id: 'no-support-lookups', text: t('none') }),
      pager(page?.pageInfo, ctx.search, { next: t('next'), first: t('first') }) ?? '',
    ];
  },
});
