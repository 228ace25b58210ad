import { el, formatTime, pager, texts } from '../client/ui';
import { definePage } from '../page';
import { EVIDENCE_CODES, EVIDENCE_STATE, messages } from './messages';
import { RETRIEVALS_QUERY } from './query';

/** Hvem har hentet data om meg / Who has fetched data about me: evidence retrievals about the party, paged. */
export const retrievalsPage = definePage({
  id: 'retrievals',
  path: '/portal/retrievals',
  nav: { nb: 'Hvem har hentet data', en: 'Who fetched data' },
  title: { nb: 'Hvem har hentet data om meg', en: 'Who has fetched data about me' },
  query: RETRIEVALS_QUERY,
  variables: (ctx) => ({ party: ctx.party, after: ctx.search.get('after') }),
  render(data, ctx) {
    const t = texts(messages, ctx.lang);
    const party = data.party;
    if (!party) return [];
    const page = party.evidenceRetrievalsPage;
    const rows = page?.nodes ?? [];
    const items = rows.map((r) => {
      const what = EVIDENCE_CODES[r.code]?.[ctx.lang] ?? r.code;
      const delivered = r.status === 'AVAILABLE';
      return el(
        'li',
        { 'data-retrieval': r.code },
        el('time', { datetime: r.at, text: formatTime(r.at, ctx.lang) }),
        el('span', { class: 'sentence', text: `${r.requestor.name} ${delivered ? t('fetched') : t('asked')} ${what.toLowerCase()}` }),
        el('br'),
        el(
          'span',
          { class: 'muted' },
          `${t('outcome')}: ${EVIDENCE_STATE[r.status]?.[ctx.lang] ?? r.status} · ${t('basis')}: ${r.accreditationId ? t('withAccreditation') : t('open')}`,
          r.reason ? ` · ${t('why')}: ${r.reason}` : '',
        ),
      );
    });
    return [
      el('p', {}, `${t('intro')} `, el('strong', { text: party.name }), '.'),
      items.length ? el('ol', { class: 'plain log', id: 'retrievals' }, ...items) : el('p', { id: 'no-retrievals', text: t('none') }),
      pager(page?.pageInfo, ctx.search, { next: t('next'), first: t('first') }) ?? '',
    ];
  },
});
