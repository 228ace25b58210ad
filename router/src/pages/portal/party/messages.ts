import type { Messages } from '../page';

export const messages = {
  nb: {
    intro: 'Velg hvem du vil handle på vegne av. Du kan bytte når som helst.',
    yourself: 'Deg selv',
    persons: 'Personer du representerer',
    organisations: 'Virksomheter',
    choose: 'Velg',
    orgNo: 'Org.nr.',
    born: 'Født',
    via: 'via',
    current: 'valgt nå',
  },
  en: {
    intro: 'Choose whom you want to act for. You can change at any time.',
    yourself: 'Yourself',
    persons: 'People you represent',
    organisations: 'Organisations',
    choose: 'Choose',
    orgNo: 'Org. no.',
    born: 'Born',
    via: 'via',
    current: 'chosen now',
  },
} satisfies Messages;
