import { describe, expect, it } from 'vitest';
import {
  birthDateOf,
  completeNationalIdentityNumber,
  completeOrganizationNumber,
  nationalIdentityNumberProblem,
  organizationNumberProblem,
} from './identifiers';
import { story } from './story';

describe('national identity numbers', () => {
  it.each(story.persons.map((p) => [p.key, p.nationalIdentityNumber, p.birthDate]))(
    'accepts the story person %s (%s) and reads the birth date',
    (_key, fnr, birthDate) => {
      expect(nationalIdentityNumberProblem(fnr)).toBeNull();
      expect(birthDateOf(fnr)).toBe(birthDate);
    },
  );

  it('rejects a wrong first control digit', () => {
    expect(nationalIdentityNumberProblem('17857210052')).toBe('the first control digit of the national identity number is wrong');
  });

  it('rejects a wrong second control digit', () => {
    expect(nationalIdentityNumberProblem('17857210043')).toBe('the second control digit of the national identity number is wrong');
  });

  it.each(['1785721004', '178572100421', '1785721004a', '', ' 17857210042'])('rejects %j for its length or characters', (value) => {
    expect(nationalIdentityNumberProblem(value)).toBe('a national identity number has exactly 11 digits');
  });

  it('rejects a number whose control digits are right but whose date does not exist (30 February)', () => {
    const fnr = '30829000012';
    expect(completeNationalIdentityNumber(fnr.slice(0, 9))).toBe(fnr);
    expect(nationalIdentityNumberProblem(fnr)).toBe('the national identity number does not encode a valid birth date');
    expect(birthDateOf(fnr)).toBeNull();
  });

  it('reads D-numbers (day + 40) and the century from the individual number', () => {
    expect(birthDateOf('57057210042')).toBe('1972-05-17');
    expect(birthDateOf('01010150000')).toBe('2001-01-01'); // 500–999 with year < 40: 2000s
    expect(birthDateOf('01015550000')).toBe('1855-01-01'); // 500–749 with year ≥ 54: 1800s
    expect(birthDateOf('01014590000')).toBe('1945-01-01'); // 900–999 with year ≥ 40: 1900s
  });

  it('completes the first nine digits with both control digits (round trip)', () => {
    for (const { nationalIdentityNumber: fnr } of story.persons) {
      expect(completeNationalIdentityNumber(fnr.slice(0, 9))).toBe(fnr);
    }
  });

  it('returns null when no control digit exists', () => {
    expect(completeNationalIdentityNumber('178572000')).toBeNull();
  });
});

describe('organisation numbers', () => {
  it.each(story.organizations.map((o) => [o.key, o.organizationNumber]))('accepts the story organisation %s (%s)', (_key, orgnr) => {
    expect(organizationNumberProblem(orgnr)).toBeNull();
  });

  it('rejects a wrong control digit', () => {
    expect(organizationNumberProblem('310000508')).toBe('the control digit of the organisation number is wrong');
  });

  it.each(['31000050', '3100005070', '31000050x', ''])('rejects %j for its length or characters', (value) => {
    expect(organizationNumberProblem(value)).toBe('an organisation number has exactly 9 digits');
  });

  it('completes the first eight digits (round trip) or returns null when no control digit exists', () => {
    for (const { organizationNumber } of story.organizations) {
      expect(completeOrganizationNumber(organizationNumber.slice(0, 8))).toBe(organizationNumber);
    }
    expect(completeOrganizationNumber('31000006')).toBeNull();
  });
});
