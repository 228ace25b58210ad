import { el, formatTime, link, texts } from '../client/ui';
import { reasonWords } from '../consent-words';
import { definePage } from '../page';
import { messages } from './messages';
import { OVERVIEW_QUERY } from './query';

const EVENT: Record<string, { nb: string; en: string }> = {
  CREATED: { nb: 'Forespørsel mottatt', en: 'Request received' },
  ACCEPTED: { nb: 'Samtykke gitt', en: 'Consent given' },
  REJECTED: { nb: 'Samtykke avslått', en: 'Consent declined' },
  REVOKED: { nb: 'Samtykke trukket tilbake', en: 'Consent withdrawn' },
  DELETED: { nb: 'Forespørsel slettet', en: 'Request deleted' },
  USED: { nb: 'Data hentet', en: 'Data fetched' },
  TOKEN_ISSUED: { nb: 'Virksomheten fikk tilgang til samtykket', en: 'The organisation got access to the consent' },
  EXPIRED: { nb: 'Samtykke utløpt', en: 'Consent expired' },
};

/** Oversikt / Overview: who the person acts for, and a panel per portal page. */
export const overviewPage = definePage({
  id: 'overview',
  path: '/portal',
  nav: { nb: 'Oversikt', en: 'Overview' },
  title: { nb: 'Oversikt', en: 'Overview' },
  query: OVERVIEW_QUERY,
  render(data, ctx) {
    const t = texts(messages, ctx.lang);
    const party = data.party;
    const me = data.me;
    if (!party || !me) return [];
    const self = party.urn === me.urn;
    const panel = (id: string, heading: string, ...body: (Node | string | null)[]) =>
      el('section', { class: 'panel', id, 'aria-labelledby': `${id}-h` }, el('h2', { id: `${id}-h`, text: heading }), ...body);

    const consents = party.consentsGivenPage?.nodes ?? [];
    const active = consents.filter((c) => c.status === 'ACCEPTED').length;
    const lastEvent = party.consentLogPage?.nodes[0];
    const reasons = (me.authorizedPartiesWithReasons ?? []).find((r) => r.party.urn === party.urn)?.reasons ?? [];
    const holders = party.accessOverview ? new Set(party.accessOverview.rows.map((r) => r.holder.urn)).size : null;
    const retrievals = party.evidenceRetrievalsPage?.nodes ?? [];

    return [
      el('p', { id: 'overview-party' }, `${t('actingAs')} `, el('strong', { text: self ? `${party.name} (${t('yourself')})` : party.name }), '.'),
      el(
        'div',
        { class: 'panels' },
        panel(
          'panel-consents',
          t('consents'),
          party.consentsGivenPage
            ? el('p', {
                text: consents.length
                  ? `${active}${party.consentsGivenPage.pageInfo.hasNextPage ? '+' : ''} ${t('activeConsents')}`
                  : t('noConsents'),
              })
            : null,
          lastEvent
            ? el('p', {
                class: 'muted',
                text: `${t('latestEvent')}: ${EVENT[lastEvent.type]?.[ctx.lang] ?? ''} (${formatTime(lastEvent.at, ctx.lang)})`,
              })
            : null,
          el('p', {}, link('/portal/consents', t('seeConsents')), ' · ', link('/portal/consent-log', t('seeLog'))),
        ),
        panel(
          'panel-rights',
          t('rights'),
          el('p', { text: self ? t('ownRights') : `${t('yourRights')} ${reasonWords(reasons, ctx.lang)}.` }),
          el('p', {}, link('/portal/access', t('seeRights'))),
        ),
        holders !== null
          ? panel(
              'panel-others',
              t('others'),
              el('p', { text: `${holders} ${t('othersCount')}` }),
              el('p', {}, link('/portal/others', t('seeOthers'))),
            )
          : null,
        panel(
          'panel-retrievals',
          t('retrievals'),
          retrievals.length
            ? el(
                'ul',
                { class: 'plain' },
                ...retrievals.map((r) => el('li', { text: `${r.requestor.name} ${t('fetched')} ${r.code} (${formatTime(r.at, ctx.lang)})` })),
              )
            : el('p', { text: t('noRetrievals') }),
          el('p', {}, link('/portal/retrievals', t('seeRetrievals'))),
        ),
      ),
    ];
  },
});
