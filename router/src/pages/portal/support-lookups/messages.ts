import type { Messages } from '../page';

export const messages = {
  nb: {
    intro: 'Her ser du hver gang Altinn brukerservice har sett på tilgangene og samtykkene til',
    why: 'Brukerservice får bare se dem med et saksnummer, og hvert oppslag blir logget og kan ikke slettes.',
    none: 'Altinn brukerservice har ikke sett på tilgangene ennå.',
    who: 'Altinn brukerservice',
    sawYours: 'så dine tilganger',
    sawOf: 'så tilgangene til',
    at: 'kl',
    case: 'sak',
    reason: 'Begrunnelse',
    next: 'Eldre oppslag',
    first: 'Til de nyeste oppslagene',
  },
  en: {
    intro: 'Here you see every time Altinn user support has looked at the access and consents of',
    why: 'User support may only see them with a case number, and every lookup is logged and cannot be deleted.',
    none: 'Altinn user support has not looked at the access yet.',
    who: 'Altinn user support',
    sawYours: 'saw your access',
    sawOf: 'saw the access of',
    at: 'at',
    case: 'case',
    reason: 'Reason',
    next: 'Older lookups',
    first: 'Back to the newest lookups',
  },
} satisfies Messages;
