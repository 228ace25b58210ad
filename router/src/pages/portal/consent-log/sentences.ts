import { formatDate } from '../client/ui';
import { describeRight } from '../consent-words';
import type { Lang } from '../page';

/** A consent event as the log shows it. */
export interface LogEvent {
  type: string;
  at: string;
  performedBy: { name: string } | null;
  deliveredTo: { name: string } | null;
  resource: { id: string; title: string | null } | null;
  consent: { validTo: string; oneTimeConsent: boolean; status: string; from: { name: string }; to: { name: string } };
}

/**
 * A consent event in a sentence, as people read it: "BANKEN AS fikk samtykke fra HÅKON TRANA (opphører
 * 01.02.2027)", "BANKEN AS har hentet data om HÅKON TRANA". Never the event's code.
 */
export function sentence(e: LogEvent, lang: Lang): string {
  const to = e.consent.to.name;
  const from = e.consent.from.name;
  const nb = lang === 'nb';
  switch (e.type) {
    case 'CREATED':
      return nb ? `${to} ba om samtykke fra ${from}` : `${to} asked ${from} for consent`;
    case 'ACCEPTED': {
      const until = formatDate(e.consent.validTo, lang);
      return nb ? `${to} fikk samtykke fra ${from} (opphører ${until})` : `${to} was given consent by ${from} (ends ${until})`;
    }
    case 'REJECTED':
      return nb ? `${from} sa nei til å gi ${to} samtykke` : `${from} declined to give ${to} consent`;
    case 'REVOKED':
      return nb ? `Samtykket til ${to} fra ${from} er trukket tilbake` : `The consent to ${to} from ${from} was withdrawn`;
    case 'DELETED':
      return nb ? `${to} trakk tilbake forespørselen om samtykke` : `${to} withdrew the request for consent`;
    case 'USED': {
      const who = e.deliveredTo?.name ?? to;
      return nb ? `${who} har hentet data om ${from}` : `${who} has fetched data about ${from}`;
    }
    case 'TOKEN_ISSUED':
      return nb ? `${to} fikk bekreftet samtykket fra ${from}` : `${to} received confirmation of the consent from ${from}`;
    case 'EXPIRED':
      return nb ? `Samtykket til ${to} fra ${from} er utløpt` : `The consent to ${to} from ${from} has expired`;
    default:
      return nb ? `Samtykket til ${to} fra ${from} er endret` : `The consent to ${to} from ${from} changed`;
  }
}

/** Said once, after the use that ended a one-time consent. */
export const ONE_TIME_ENDED = { nb: 'Engangssamtykke er nå opphørt', en: 'The one-time consent has now ended' } as const;

/** A use's details: the data source and the data ("Kilde: SKATTEETATEN · Opplysninger: …"); null for other events. */
export function useDetail(e: LogEvent, lang: Lang): string | null {
  if (e.type !== 'USED') return null;
  const parts = [
    e.performedBy ? `${lang === 'nb' ? 'Kilde' : 'Source'}: ${e.performedBy.name}` : null,
    e.resource ? `${lang === 'nb' ? 'Opplysninger' : 'Data'}: ${describeRight({ resource: e.resource }, lang)}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/**
 * The log's entries, in the order given, with "Engangssamtykke er nå opphørt" after the use that ended a one-time
 * consent (the newest use of a consent whose status is USED).
 */
export function logEntries<E extends LogEvent & { consent: { id: string } }>(
  events: readonly E[],
  order: 'newest-first' | 'oldest-first',
): { event: E; ended: boolean }[] {
  const seen = new Set<string>();
  const list = order === 'newest-first' ? events : [...events].reverse();
  const marked = list.map((event) => {
    const ended = event.type === 'USED' && event.consent.oneTimeConsent && event.consent.status === 'USED' && !seen.has(event.consent.id);
    if (event.type === 'USED') seen.add(event.consent.id);
    return { event, ended };
  });
  return order === 'newest-first' ? marked : marked.reverse();
}
