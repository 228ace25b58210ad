/** The names a consent text is filled in with. */
export interface TemplateValues {
  /** The requester (`to`). */
  coveredBy: string;
  /** The party asked (`from`). */
  offeredBy: string;
  /** The organisation handling the request for the requester; empty when there is none. */
  handledBy: string | null;
  validTo: Date;
}

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const OSLO_DATE = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' });

/** dd.mm.yyyy as the date reads in Norway, whatever the server's time zone (23:30Z on 31 Dec is 01.01 in Oslo). */
export function formatExpiration(date: Date): string {
  const part = (type: string) => OSLO_DATE.formatToParts(date).find((p) => p.type === type)!.value;
  return `${part('day')}.${part('month')}.${part('year')}`;
}

/** Fills in {CoveredBy}, {OfferedBy}, {HandledBy} and {Expiration}; other braces are left as written. */
export function renderTemplate(text: string, values: TemplateValues): string {
  const fill: Record<string, string> = {
    CoveredBy: values.coveredBy,
    OfferedBy: values.offeredBy,
    HandledBy: values.handledBy ?? '',
    Expiration: formatExpiration(values.validTo),
  };
  return text.replace(/\{(CoveredBy|OfferedBy|HandledBy|Expiration)\}/g, (_whole, key: string) => fill[key]!);
}
