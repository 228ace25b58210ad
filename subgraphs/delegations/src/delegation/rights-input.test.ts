import { describe, expect, it } from 'vitest';
import { checkRights, checkValidTo } from './rights-input';

const mva = { id: 'ske-mva-melding', actions: ['read', 'write', 'sign'], delegable: true };
const konkurs = { id: 'brreg-konkurs', actions: ['read'], delegable: false };
const merverdiavgift = { urn: 'urn:altinn:accesspackage:merverdiavgift', delegable: true, clientPackage: false };
const hovedadministrator = { urn: 'urn:altinn:accesspackage:hovedadministrator', delegable: false, clientPackage: false };
const none = { resource: null, package: null };

const problem = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    const e = err as { message: string; extensions: { code: string } };
    return `${e.extensions.code} ${e.message}`;
  }
  return 'no error';
};

describe('checkRights', () => {
  it('takes a delegable resource with some of its actions, without repeats', () => {
    expect(checkRights({ resource: 'ske-mva-melding', actions: ['read', 'sign', 'read'] }, { ...none, resource: mva })).toEqual({
      resource: mva,
      package: null,
      actions: ['read', 'sign'],
    });
  });

  it('takes a delegable package without actions', () => {
    expect(checkRights({ package: merverdiavgift.urn }, { ...none, package: merverdiavgift })).toEqual({
      resource: null,
      package: merverdiavgift,
      actions: null,
    });
  });

  it.each([
    [
      'both a resource and a package',
      { resource: 'ske-mva-melding', package: merverdiavgift.urn, actions: ['read'] },
      { resource: mva, package: merverdiavgift },
      'BAD_USER_INPUT input.package: give a resource or a package, not both',
    ],
    ['neither', {}, none, 'BAD_USER_INPUT input.resource: give a resource or a package'],
    ['an unknown resource', { resource: 'xyz', actions: ['read'] }, none, 'BAD_USER_INPUT input.resource: no resource xyz'],
    [
      'a resource nobody may delegate',
      { resource: 'brreg-konkurs', actions: ['read'] },
      { ...none, resource: konkurs },
      'BAD_USER_INPUT input.resource: brreg-konkurs is not delegable',
    ],
    [
      'a resource without actions',
      { resource: 'ske-mva-melding', actions: [] },
      { ...none, resource: mva },
      'BAD_USER_INPUT input.actions: required with a resource',
    ],
    [
      'an action the resource lacks',
      { resource: 'ske-mva-melding', actions: ['read', 'fly'] },
      { ...none, resource: mva },
      'BAD_USER_INPUT input.actions[1]: ske-mva-melding has no action fly',
    ],
    [
      'an unknown package',
      { package: 'urn:altinn:accesspackage:nope' },
      none,
      'BAD_USER_INPUT input.package: no access package urn:altinn:accesspackage:nope',
    ],
    [
      'actions with a package',
      { package: merverdiavgift.urn, actions: ['read'] },
      { ...none, package: merverdiavgift },
      'BAD_USER_INPUT input.actions: not allowed with a package',
    ],
    [
      'a package nobody may delegate',
      { package: hovedadministrator.urn },
      { ...none, package: hovedadministrator },
      'BAD_USER_INPUT input.package: urn:altinn:accesspackage:hovedadministrator is not delegable',
    ],
  ])('refuses %s, naming the field', (_name, input, found, expected) => {
    expect(problem(() => checkRights(input, found))).toContain(expected);
  });
});

describe('checkValidTo', () => {
  const now = new Date('2030-01-01T12:00:00Z');

  it('accepts no end, or an end after the injected now', () => {
    expect(problem(() => checkValidTo(null, now))).toBe('no error');
    expect(problem(() => checkValidTo(new Date('2030-01-01T12:00:01Z'), now))).toBe('no error');
  });

  it('refuses an end at or before now: a delegation that would be born expired', () => {
    expect(problem(() => checkValidTo(now, now))).toBe('BAD_USER_INPUT input.validTo: must be in the future');
    expect(problem(() => checkValidTo(new Date('2029-12-31T00:00:00Z'), now))).toBe('BAD_USER_INPUT input.validTo: must be in the future');
  });
});
