import type { Messages } from '../page';

export const messages = {
  nb: {
    intro: 'Virksomheter som har hentet opplysninger om',
    none: 'Ingen har hentet opplysninger ennå.',
    fetched: 'hentet',
    asked: 'ba om',
    what: 'Opplysninger',
    outcome: 'Utfall',
    why: 'Begrunnelse',
    open: 'Åpne opplysninger (uten samtykke)',
    withAccreditation: 'Med godkjent behov',
    basis: 'Grunnlag',
    next: 'Eldre hentinger',
    first: 'Til de nyeste hentingene',
  },
  en: {
    intro: 'Organisations that have fetched data about',
    none: 'Nobody has fetched data yet.',
    fetched: 'fetched',
    asked: 'asked for',
    what: 'Data',
    outcome: 'Outcome',
    why: 'Reason',
    open: 'Open data (no consent needed)',
    withAccreditation: 'With an approved need',
    basis: 'Basis',
    next: 'Older retrievals',
    first: 'Back to the newest retrievals',
  },
} satisfies Messages;

/** Evidence codes in words; an unknown code is shown as it is. */
export const EVIDENCE_CODES: Record<string, { nb: string; en: string }> = {
  SummertSkattegrunnlag: { nb: 'Summert skattegrunnlag', en: 'Summarised tax base' },
  StudielanSaldo: { nb: 'Saldo på studielån', en: 'Student loan balance' },
  AapUforetrygd: { nb: 'Arbeidsavklaringspenger og uføretrygd', en: 'Work assessment allowance and disability benefit' },
  Restanser: { nb: 'Restanser (skyldig skatt og avgift)', en: 'Arrears (tax and duties owed)' },
  KonkursStatus: { nb: 'Konkursstatus', en: 'Bankruptcy status' },
  Skatteattest: { nb: 'Skatteattest', en: 'Tax certificate' },
};

/** A retrieval's outcome in words. */
export const EVIDENCE_STATE: Record<string, { nb: string; en: string }> = {
  AVAILABLE: { nb: 'Utlevert', en: 'Delivered' },
  PENDING_CONSENT: { nb: 'Venter på samtykke', en: 'Awaiting consent' },
  DENIED: { nb: 'Avvist', en: 'Refused' },
  EXPIRED: { nb: 'Samtykket var utløpt', en: 'The consent had expired' },
  WAITING: { nb: 'Venter på kilden', en: 'Waiting for the source' },
  UNAVAILABLE: { nb: 'Kilden svarte ikke', en: 'The source did not answer' },
};
