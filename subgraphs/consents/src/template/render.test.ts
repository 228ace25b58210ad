import { describe, expect, it } from 'vitest';
import { describeRights, formatExpiration, renderTemplate } from './render';

describe('consent texts', () => {
  it('formats the expiration as the date reads in Oslo', () => {
    expect(formatExpiration(new Date('2025-12-31T22:59:59Z'))).toBe('31.12.2025');
    expect(formatExpiration(new Date('2025-12-31T23:00:00Z'))).toBe('01.01.2026');
    expect(formatExpiration(new Date('2026-07-04T21:59:00Z'))).toBe('04.07.2026');
  });

  it('fills in every placeholder, leaves other braces, and leaves HandledBy empty when nobody handles it', () => {
    const values = { coveredBy: 'BANKEN AS', offeredBy: 'HÅKON TRANA', handledBy: null, validTo: new Date('2026-03-01T12:00:00Z') };
    expect(renderTemplate('{CoveredBy} ber {OfferedBy} ({HandledBy}) om {x} til {Expiration}; {CoveredBy}.', values)).toBe(
      'BANKEN AS ber HÅKON TRANA () om {x} til 01.03.2026; BANKEN AS.',
    );
  });
});

describe('who discloses what, about whom', () => {
  const values = { coveredBy: 'BANKEN AS', offeredBy: 'ASTRID BERG', handledBy: null, validTo: new Date('2026-03-01T12:00:00Z') };
  const text = '{CoveredBy} ber om opplysninger om {Subject} fra {Sources} til {Expiration}.';

  it('names every source, joined as the language joins a list', () => {
    const sources = ['SKATTEETATEN', 'LÅNEKASSEN', 'NAV'];
    expect(renderTemplate(text, { ...values, subject: 'deg', sources })).toBe(
      'BANKEN AS ber om opplysninger om deg fra SKATTEETATEN, LÅNEKASSEN og NAV til 01.03.2026.',
    );
    expect(renderTemplate('{Sources} until {Expiration}', { ...values, sources }, 'en')).toBe('SKATTEETATEN, LÅNEKASSEN and NAV until 1 March 2026');
  });

  it('names the party asked when no subject is given (a representative or the requester reads it)', () => {
    expect(renderTemplate(text, { ...values, sources: ['NAV'] })).toBe('BANKEN AS ber om opplysninger om ASTRID BERG fra NAV til 01.03.2026.');
  });

  it('writes the date in the language of the text', () => {
    expect(formatExpiration(new Date('2025-12-31T23:00:00Z'), 'en')).toBe('1 January 2026');
  });
});

describe('what a consent lets the requester do ({Actions})', () => {
  const sign = { actions: ['sign', 'submit'], title: 'Skattemelding', form: 'SM-1' };
  const data = { actions: ['consent'], title: 'Skatteattest', form: null };

  it('names the acts, the resource and the form in either language', () => {
    expect(describeRights([sign])).toBe('signere og sende inn «Skattemelding» (skjema SM-1)');
    expect(describeRights([sign], 'en')).toBe('sign and submit “Skattemelding” (form SM-1)');
  });

  it('joins several rights, a right to data as fetching it, and fills {Actions}', () => {
    const actions = describeRights([data, sign]);
    expect(actions).toBe('hente opplysninger fra «Skatteattest» og signere og sende inn «Skattemelding» (skjema SM-1)');
    const values = { coveredBy: 'BANKEN AS', offeredBy: 'HÅKON TRANA', handledBy: null, validTo: new Date('2026-03-01T12:00:00Z'), actions };
    expect(renderTemplate('{CoveredBy} ber om å {Actions}.', values)).toBe(`BANKEN AS ber om å ${actions}.`);
  });
});
