/**
 * Words the consent pages show for codes and registry values, in Bokmål and English. The resource registry holds
 * Bokmål titles only, so English titles of the known resources live here; an unknown resource shows its registry
 * title in both languages, an unknown metadata key or status its code.
 */
export const LABELS = {
  /** Metadata keys a consent right carries. */
  metadata: {
    inntektsaar: { nb: 'Inntektsår', en: 'Income year' },
  },
  /** English titles by resource id. */
  resourceTitleEn: {
    'ske-inntekt-skattegrunnlag': 'Income and tax base',
    'lanekassen-studielan-saldo': 'Student loan balance',
    'nav-aap-uforetrygd': 'Work assessment allowance and disability benefit',
    'ske-restanser': 'Arrears with the Norwegian Tax Administration',
    'ske-skatteattest': 'Tax certificate (one-time)',
    'digilaer-personopplysninger': 'Processing of personal data on Digilær.no',
    'ske-mva-melding': 'VAT return',
    'brreg-konkurs': 'Bankruptcy status',
  },
  status: {
    CREATED: { nb: 'venter på svar', en: 'awaiting an answer' },
    ACCEPTED: { nb: 'gitt', en: 'given' },
    REJECTED: { nb: 'avslått', en: 'declined' },
    REVOKED: { nb: 'trukket tilbake', en: 'withdrawn' },
    DELETED: { nb: 'slettet av virksomheten', en: 'deleted by the organisation' },
    EXPIRED: { nb: 'utløpt', en: 'expired' },
    USED: { nb: 'brukt', en: 'used' },
  },
  event: {
    CREATED: { nb: 'Forespørsel mottatt', en: 'Request received' },
    ACCEPTED: { nb: 'Samtykke gitt', en: 'Consent given' },
    REJECTED: { nb: 'Samtykke avslått', en: 'Consent declined' },
    REVOKED: { nb: 'Samtykke trukket tilbake', en: 'Consent withdrawn' },
    DELETED: { nb: 'Forespørsel slettet', en: 'Request deleted' },
    USED: { nb: 'Opplysninger utlevert', en: 'Data disclosed' },
    TOKEN_ISSUED: { nb: 'Samtykkebevis utstedt', en: 'Consent token issued' },
    EXPIRED: { nb: 'Samtykke utløpt', en: 'Consent expired' },
  },
} as const;
