import { el, formatTime, link, pager, texts } from '../client/ui';
import { definePage } from '../page';
import { messages } from './messages';
import { CONSENT_LOG_QUERY } from './query';
import { logEntries, ONE_TIME_ENDED, sentence, useDetail } from './sentences';

/** Samtykkelogg / Consent log: the party's consent events in sentences, newest first, paged. */
export const consentLogPage = definePage({
  id: 'consent-log',
  path: '/portal/consent-log',
  nav: { nb: 'Samtykkelogg', en: 'Consent log' },
  title: { nb: 'Samtykkelogg', en: 'Consent log' },
  query: CONSENT_LOG_QUERY,
  variables: (ctx) => ({ party: ctx.party, after: ctx.search.get('after') }),
  render(data, ctx) {
    const t = texts(messages, ctx.lang);
    const party = data.party;
    if (!party) return [];
    const page = party.consentLogPage;
    const entries = logEntries(page?.nodes ?? [], 'newest-first');
    return [
      el('p', {}, `${t('intro')} `, el('strong', { text: party.name }), '.'),
      entries.length
        ? el(
            'ol',
            { class: 'plain log', id: 'log' },
            ...entries.flatMap(({ event, ended }) => [
              ...(ended
                ? [
                    el(
                      'li',
                      { 'data-event': 'ONE_TIME_ENDED', 'data-consent': event.consent.id },
                      el('time', { datetime: event.at, text: formatTime(event.at, ctx.lang) }),
                      ONE_TIME_ENDED[ctx.lang],
                    ),
                  ]
                : []),
              el(
                'li',
                { 'data-event': event.type, 'data-consent': event.consent.id },
                el('time', { datetime: event.at, text: formatTime(event.at, ctx.lang) }),
                el('span', { class: 'sentence', text: sentence(event, ctx.lang) }),
                useDetail(event, ctx.lang) ? el('span', { class: 'muted' }, el('br'), useDetail(event, ctx.lang)!) : null,
                el('br'),
                link(`/portal/consents/${event.consent.id}`, t('see'), { 'aria-label': `${t('see')}: ${sentence(event, ctx.lang)}`, class: 'muted' }),
              ),
            ]),
          )
        : el('p', { id: 'no-events', text: t('none') }),
      pager(page?.pageInfo, ctx.search, { next: t('next'), first: t('first') }) ?? '',
    ];
  },
});
