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
    role: 'rolle',
    package: 'tilgangspakke',
    delegation: 'fullmakt',
    consent: 'samtykke',
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
    role: 'role',
    package: 'access package',
    delegation: 'delegation',
    consent: 'consent',
  },
} satisfies Messages;
