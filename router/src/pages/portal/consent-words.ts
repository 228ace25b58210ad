import type { Bilingual, Lang } from './page';

/** A consent's status in words people understand; never the code. Shared by the portal's consent pages. */
export const CONSENT_STATUS: Record<string, Bilingual> = {
  CREATED: { nb: 'Venter på svar', en: 'Awaiting an answer' },
  ACCEPTED: { nb: 'Gjelder', en: 'In force' },
  REJECTED: { nb: 'Avslått', en: 'Declined' },
  REVOKED: { nb: 'Trukket tilbake', en: 'Withdrawn' },
  DELETED: { nb: 'Slettet av virksomheten', en: 'Deleted by the organisation' },
  EXPIRED: { nb: 'Utløpt', en: 'Expired' },
  USED: { nb: 'Brukt (engangssamtykke)', en: 'Used (one-time consent)' },
};

/** Why someone has access (a decision reason's source), in words; shared by the overview and the party picker. */
const REASON: Record<string, Bilingual> = {
  ROLE: { nb: 'rolle', en: 'role' },
  ACCESS_PACKAGE: { nb: 'tilgangspakke', en: 'access package' },
  DELEGATION: { nb: 'fullmakt', en: 'delegation' },
  POWER_OF_ATTORNEY: { nb: 'personlig fullmakt', en: 'power of attorney' },
  CONSENT: { nb: 'samtykke', en: 'consent' },
};

/** The distinct sources of these reasons in words, in order of first appearance: "rolle, tilgangspakke". */
export const reasonWords = (reasons: readonly { source: string }[], lang: Lang) =>
  [...new Set(reasons.map((r) => REASON[r.source]?.[lang] ?? r.source))].join(', ');

export const consentStatus = (status: string, lang: Lang) => CONSENT_STATUS[status]?.[lang] ?? CONSENT_STATUS.ACCEPTED![lang];

/** English titles of the known resources (the registry holds Bokmål titles only). */
const RESOURCE_TITLE_EN: Record<string, string> = {
  'ske-inntekt-skattegrunnlag': 'Income and tax base',
  'lanekassen-studielan-saldo': 'Student loan balance',
  'nav-aap-uforetrygd': 'Work assessment allowance and disability benefit',
  'ske-restanser': 'Arrears with the Norwegian Tax Administration',
  'ske-skatteattest': 'Tax certificate (one-time)',
  'digilaer-personopplysninger': 'Processing of personal data on Digilær.no',
  'ske-mva-melding': 'VAT return',
  'brreg-konkurs': 'Bankruptcy status',
};
const METADATA: Record<string, Bilingual> = { inntektsaar: { nb: 'inntektsår', en: 'income year' } };

/** What data a consent right covers, in the person's language: "Inntekt og skattegrunnlag (inntektsår 2024)". */
export function describeRight(r: { resource: { id: string; title: string | null }; metadata?: Record<string, string> | null }, lang: Lang): string {
  const title = (lang === 'en' ? RESOURCE_TITLE_EN[r.resource.id] : null) ?? r.resource.title ?? r.resource.id;
  const meta = Object.entries(r.metadata ?? {}).map(([k, v]) => `${METADATA[k]?.[lang] ?? k} ${v}`);
  return meta.length ? `${title} (${meta.join(', ')})` : title;
}
