import { el, formatDate, formatTime, joinNames, link, texts } from '../client/ui';
import { consentStatus, describeRight } from '../consent-words';
import { logEntries, ONE_TIME_ENDED, sentence, useDetail } from '../consent-log/sentences';
import { notice, withdrawButton } from '../consents/withdraw';
import { definePage } from '../page';
import { messages } from './messages';
import { CONSENT_QUERY } from './query';

/** Se samtykke / Consent detail: who, what data, from which sources, why, until when, every use; and withdraw. */
export const consentPage = definePage({
  id: 'consent',
  path: '/portal/consents/:id',
  nav: null,
  title: { nb: 'Samtykke', en: 'Consent' },
  query: CONSENT_QUERY,
  variables: (ctx) => ({ party: ctx.party, id: ctx.params.id ?? '' }),
  render(data, ctx) {
    const t = texts(messages, ctx.lang);
    const c = data.consentRequest;
    const back = el('p', {}, link('/portal/consents', t('back')));
    if (!c) return [el('p', { class: 'notice', id: 'problem', text: t('notFound') }), back];
    const sources = [...new Set(c.rights.flatMap((r) => (r.resource.owner ? [r.resource.owner.name] : [])))];
    const entries = logEntries(
      c.events.map((e) => ({ ...e, consent: { ...c, id: c.id } })),
      'oldest-first',
    );
    const row = (term: string, ...value: (Node | string | null)[]) => [el('dt', { text: term }), el('dd', {}, ...value)];
    return [
      notice() ?? '',
      el(
        'section',
        { class: 'card', id: 'consent', 'data-consent': c.id, 'aria-labelledby': 'consent-h' },
        el('h2', { id: 'consent-h', text: c.template.title[ctx.lang] }),
        el(
          'dl',
          {},
          ...row(t('who'), `${c.to.name}${c.to.organizationNumber ? ` (${t('orgNo')} ${c.to.organizationNumber})` : ''}`),
          ...row(t('about'), c.from.name),
          ...(c.answeredBy ? row(t('givenBy'), `${c.answeredBy.name}${c.answeredAt ? ` (${formatDate(c.answeredAt, ctx.lang)})` : ''}`) : []),
          ...(c.handledBy ? row(t('handledBy'), c.handledBy.name) : []),
          ...row(
            t('data'),
            el(
              'ul',
              { id: 'consent-rights' },
              ...c.rights.map((r) =>
                el('li', { text: `${describeRight(r, ctx.lang)}${r.usedAt ? ` (${t('usedAt')} ${formatDate(r.usedAt, ctx.lang)})` : ''}` }),
              ),
            ),
          ),
          ...(sources.length
            ? row(t('sources'), el('span', { id: 'consent-sources', text: joinNames(sources, ctx.lang === 'nb' ? 'og' : 'and') }))
            : []),
          ...row(t('why'), el('span', { id: 'consent-why', text: c.template[ctx.lang] })),
          ...(c.requestMessage ? row(t('message'), el('span', { text: c.requestMessage })) : []),
          ...row(t('until'), formatDate(c.validTo, ctx.lang)),
          ...row(
            t('status'),
            el('span', {
              class: `status ${c.status === 'ACCEPTED' ? 'active' : 'ended'}`,
              'data-status': c.status,
              text: consentStatus(c.status, ctx.lang),
            }),
            c.oneTimeConsent ? ` ${t('oneTime')}` : '',
          ),
        ),
        c.status === 'ACCEPTED' && !c.oneTimeConsent ? el('div', { class: 'actions' }, withdrawButton(c, ctx, messages[ctx.lang])) : null,
      ),
      el('h2', { text: t('uses') }),
      c.events.some((e) => e.type === 'USED') ? '' : el('p', { id: 'no-uses', text: t('noUses') }),
      el(
        'ol',
        { class: 'plain log', id: 'consent-events' },
        ...entries.flatMap(({ event, ended }) => [
          el(
            'li',
            { 'data-event': event.type },
            el('time', { datetime: event.at, text: formatTime(event.at, ctx.lang) }),
            sentence(event, ctx.lang),
            useDetail(event, ctx.lang) ? el('span', { class: 'muted' }, el('br'), useDetail(event, ctx.lang)!) : null,
          ),
          ...(ended ? [el('li', { 'data-event': 'ONE_TIME_ENDED', text: ONE_TIME_ENDED[ctx.lang] })] : []),
        ]),
      ),
      back,
    ];
  },
});
