/**
 * Every word the consent pages show, in Bokmål and English, in one place: the server renders its plain pages from
 * it and the browser bundle (`client/consent.ts`) imports it, so the two never disagree. Plain data, no imports,
 * valid on both sides.
 */
export type Lang = 'nb' | 'en';

/** Texts of the consent pages, Norwegian Bokmål first; the page switches language without a reload. */
export const TEXTS = {
  nb: {
    title: 'Samtykke',
    loading: 'Henter forespørselen …',
    asks: 'ber om ditt samtykke',
    handledBy: 'Behandles av',
    onBehalfOf: 'Gjelder',
    answeringFor: 'Du svarer på vegne av',
    sources: 'Opplysningene utleveres av',
    and: 'og',
    rights: 'Dette gjelder',
    validTo: 'Samtykket gjelder til',
    message: 'Melding fra virksomheten',
    oneTime: 'Samtykket brukes én gang.',
    accept: 'Ja, jeg gir samtykke',
    reject: 'Nei, jeg gir ikke samtykke',
    switchLang: 'English',
    notFound: 'Fant ingen slik forespørsel, eller du har ikke tilgang til den.',
    answered: 'Denne forespørselen er allerede besvart',
    expired: 'Denne forespørselen har utløpt.',
    withdrawn: 'Denne forespørselen er trukket tilbake.',
    loginFirst: 'Du må logge inn først.',
    logout: 'Logg ut',
    loggedInAs: 'Logget inn som',
    switchUser: 'Bytt bruker',
    overview: 'Mine samtykker',
    log: 'Samtykkelogg',
    withdraw: 'Se/trekk samtykke',
    confirmWithdraw: 'Trekke samtykket?',
    none: 'Ingen samtykker.',
    status: 'Status',
    error: 'Noe gikk galt',
  },
  en: {
    title: 'Consent',
    loading: 'Fetching the request …',
    asks: 'asks for your consent',
    handledBy: 'Handled by',
    onBehalfOf: 'Concerns',
    answeringFor: 'You answer on behalf of',
    sources: 'The data is disclosed by',
    and: 'and',
    rights: 'This concerns',
    validTo: 'The consent is valid until',
    message: 'Message from the organisation',
    oneTime: 'The consent is used once.',
    accept: 'Yes, I consent',
    reject: 'No, I do not consent',
    switchLang: 'Norsk',
    notFound: 'No such request was found, or you may not see it.',
    answered: 'This request has already been answered',
    expired: 'This request has expired.',
    withdrawn: 'This request was withdrawn.',
    loginFirst: 'Please log in first.',
    logout: 'Log out',
    loggedInAs: 'Logged in as',
    switchUser: 'Switch user',
    overview: 'My consents',
    log: 'Consent log',
    withdraw: 'View/withdraw consent',
    confirmWithdraw: 'Withdraw the consent?',
    none: 'No consents.',
    status: 'Status',
    error: 'Something went wrong',
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type TextKey = keyof (typeof TEXTS)['nb'];

/**
 * What the server's plain pages say (the answer endpoint's refusals, a bad link). They are shown before the page
 * knows the person's language, so they are shown in both.
 */
export const PROBLEMS = {
  invalidId: { nb: 'Ugyldig eller manglende id.', en: 'Missing or invalid id.' },
  invalidAnswer: { nb: 'Ugyldig svar.', en: 'Invalid answer.' },
  FORBIDDEN: { nb: 'Du kan ikke svare på denne forespørselen.', en: 'You may not answer this request.' },
  CONFLICT: {
    nb: 'Forespørselen er allerede besvart, trukket tilbake eller utløpt.',
    en: 'The request was already answered, withdrawn or has expired.',
  },
  NOT_FOUND: { nb: 'Fant ingen slik forespørsel.', en: 'No such request.' },
  UNAUTHENTICATED: { nb: 'Innloggingen er utløpt. Logg inn på nytt.', en: 'Your login has expired. Log in again.' },
  error: { nb: 'Noe gikk galt.', en: 'Something went wrong.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ProblemKey = keyof typeof PROBLEMS;

/** A problem in both languages, Bokmål first. */
export const bothLanguages = (key: ProblemKey) => `${PROBLEMS[key].nb} / ${PROBLEMS[key].en}`;

/**
 * Words for codes and registry values. The resource registry holds Bokmål titles only, so English titles of the
 * known resources live here; an unknown resource shows its registry title in both languages, an unknown metadata
 * key or status its code.
 */
export const LABELS = {
  /** Metadata keys a consent right carries. */
  metadata: {
    inntektsaar: { nb: 'Inntektsår', en: 'Income year' },
    skjema: { nb: 'Skjema', en: 'Form' },
  } as Record<string, Record<Lang, string>>,
  /** What a consent to act lets the requester do. */
  action: {
    sign: { nb: 'signere', en: 'sign' },
    submit: { nb: 'sende inn', en: 'submit' },
    read: { nb: 'lese', en: 'read' },
    write: { nb: 'fylle ut', en: 'fill in' },
  } as Record<string, Record<Lang, string>>,
  /** English titles by resource id. */
  resourceTitleEn: {
    'ske-inntekt-skattegrunnlag': 'Income and tax base',
    'lanekassen-studielan-saldo': 'Student loan balance',
    'nav-aap-uforetrygd': 'Work assessment allowance and disability benefit',
    'ske-restanser': 'Arrears with the Norwegian Tax Administration',
    'ske-skatteattest': 'Tax certificate (one-time)',
    'digilaer-personopplysninger': 'Processing of personal data on Digilær.no',
    'ske-mva-melding': 'VAT return',
    'ske-skattemelding-signering': 'Tax return',
    'brreg-konkurs': 'Bankruptcy status',
  } as Record<string, string>,
  status: {
    CREATED: { nb: 'venter på svar', en: 'awaiting an answer' },
    ACCEPTED: { nb: 'gitt', en: 'given' },
    REJECTED: { nb: 'avslått', en: 'declined' },
    REVOKED: { nb: 'trukket tilbake', en: 'withdrawn' },
    DELETED: { nb: 'slettet av virksomheten', en: 'deleted by the organisation' },
    EXPIRED: { nb: 'utløpt', en: 'expired' },
    USED: { nb: 'brukt', en: 'used' },
  } as Record<string, Record<Lang, string>>,
  event: {
    CREATED: { nb: 'Forespørsel mottatt', en: 'Request received' },
    ACCEPTED: { nb: 'Samtykke gitt', en: 'Consent given' },
    REJECTED: { nb: 'Samtykke avslått', en: 'Consent declined' },
    REVOKED: { nb: 'Samtykke trukket tilbake', en: 'Consent withdrawn' },
    DELETED: { nb: 'Forespørsel slettet', en: 'Request deleted' },
    USED: { nb: 'Opplysninger utlevert', en: 'Data disclosed' },
    TOKEN_ISSUED: { nb: 'Samtykkebevis utstedt', en: 'Consent token issued' },
    EXPIRED: { nb: 'Samtykke utløpt', en: 'Consent expired' },
  } as Record<string, Record<Lang, string>>,
};
