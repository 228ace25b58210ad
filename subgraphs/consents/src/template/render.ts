/** The names a consent text is filled in with. */
export interface TemplateValues {
  /** The requester (`to`). */
  coveredBy: string;
  /** The party asked (`from`). */
  offeredBy: string;
  /** The organisation handling the request for the requester; empty when there is none. */
  handledBy: string | null;
  validTo: Date;
  /**
   * Whom the data is about, as the reader is addressed: "deg"/"you" when the reader is the party asked, its name when
   * someone answers on its behalf (a guardian, a parent, a general manager) or the requester reads it.
   */
  subject?: string;
  /** The data sources: the owners of the requested resources, each once, in the order of the rights. */
  sources?: readonly string[];
}

export const LANGUAGES = ['nb', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const OSLO_DATE = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric' });

const ENGLISH_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * The date as it reads in Oslo, whatever the server's time zone (23:30Z on 31 Dec is 01.01 in Oslo): dd.mm.yyyy in
 * Bokmål, "1 January 2026" in English.
 */
export function formatExpiration(date: Date, lang: Language = 'nb'): string {
  if (lang === 'en') return ENGLISH_DATE.format(date);
  const part = (type: string) => OSLO_DATE.formatToParts(date).find((p) => p.type === type)!.value;
  return `${part('day')}.${part('month')}.${part('year')}`;
}

/** "A", "A og B", "A, B og C" (en: "and"). */
export function joinNames(names: readonly string[], lang: Language = 'nb'): string {
  if (names.length < 2) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${lang === 'en' ? 'and' : 'og'} ${names.at(-1)}`;
}

/**
 * Fills in {CoveredBy}, {OfferedBy}, {HandledBy}, {Expiration}, {Subject} (whom the data is about, as the reader is
 * addressed; {OfferedBy} without `subject`) and {Sources} (every data source); other braces are left as written.
 */
export function renderTemplate(text: string, values: TemplateValues, lang: Language = 'nb'): string {
  const fill: Record<string, string> = {
    CoveredBy: values.coveredBy,
    OfferedBy: values.offeredBy,
    HandledBy: values.handledBy ?? '',
    Expiration: formatExpiration(values.validTo, lang),
    Subject: values.subject ?? values.offeredBy,
    Sources: joinNames(values.sources ?? [], lang),
  };
  return text.replace(/\{(CoveredBy|OfferedBy|HandledBy|Expiration|Subject|Sources)\}/g, (_whole, key: string) => fill[key]!);
}
