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
  /** What the consent lets the requester do, one phrase per right (see describeRights). */
  actions?: string;
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
 * addressed; {OfferedBy} without `subject`), {Sources} (every data source) and {Actions} (what the consent lets the
 * requester do); other braces are left as written.
 */
export function renderTemplate(text: string, values: TemplateValues, lang: Language = 'nb'): string {
  const fill: Record<string, string> = {
    CoveredBy: values.coveredBy,
    OfferedBy: values.offeredBy,
    HandledBy: values.handledBy ?? '',
    Expiration: formatExpiration(values.validTo, lang),
    Subject: values.subject ?? values.offeredBy,
    Sources: joinNames(values.sources ?? [], lang),
    Actions: values.actions ?? '',
  };
  return text.replace(/\{(CoveredBy|OfferedBy|HandledBy|Expiration|Subject|Sources|Actions)\}/g, (_whole, key: string) => fill[key]!);
}

/** How each action reads after "to" ("til å" in Bokmål); an action not listed reads as its name. */
const VERBS: Record<Language, Record<string, string>> = {
  nb: { consent: 'hente opplysninger fra', read: 'lese', write: 'fylle ut', sign: 'signere', submit: 'sende inn' },
  en: { consent: 'retrieve information from', read: 'read', write: 'fill in', sign: 'sign', submit: 'submit' },
};

const FORM: Record<Language, string> = { nb: 'skjema', en: 'form' };

/** One right as the text shows it: its actions, its resource's title and the one form it is for, if it names one. */
export interface RightShown {
  actions: readonly string[];
  title: string;
  /** The form instance (metadata `skjema`). */
  form: string | null;
}

/**
 * What the consent lets the requester do, for {Actions}: "signere og sende inn «Skattemelding» (skjema SM-1)",
 * "sign and submit “Skattemelding” (form SM-1)"; several rights are joined as names are.
 */
export function describeRights(rights: readonly RightShown[], lang: Language = 'nb'): string {
  const quote = (title: string) => (lang === 'en' ? `“${title}”` : `«${title}»`);
  return joinNames(
    rights.map((r) => {
      const verbs = joinNames(
        r.actions.map((a) => VERBS[lang][a] ?? a),
        lang,
      );
      return `${verbs} ${quote(r.title)}${r.form ? ` (${FORM[lang]} ${r.form})` : ''}`;
    }),
    lang,
  );
}
