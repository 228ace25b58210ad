import type { Messages } from '../page';

export const messages = {
  nb: {
    intro: 'Alt som har skjedd med samtykkene for',
    none: 'Ingen hendelser ennå.',
    see: 'Se samtykket',
    next: 'Eldre hendelser',
    first: 'Til de nyeste hendelsene',
  },
  en: {
    intro: 'Everything that happened to the consents for',
    none: 'No events yet.',
    see: 'View the consent',
    next: 'Older events',
    first: 'Back to the newest events',
  },
} satisfies Messages;
