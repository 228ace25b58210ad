import { describe, expect, it } from 'vitest';
import { declaredLicence, isPermissive } from './check-licences';

describe('the licence check', () => {
  it('accepts permissive licences and expressions with a permissive choice', () => {
    for (const l of ['MIT', 'Apache-2.0', '(MIT AND BSD-3-Clause)', 'MIT OR GPL-3.0', 'ISC']) expect(isPermissive(l), l).toBe(true);
  });

  it('refuses the Elastic License (as @apollo/federation-internals 2.14 has), copyleft and unknown licences', () => {
    for (const l of ['Elastic-2.0', 'GPL-3.0', 'AGPL-3.0-only', 'MIT AND GPL-2.0', 'SEE LICENSE IN LICENSE', 'UNLICENSED'])
      expect(isPermissive(l), l).toBe(false);
  });

  it('reads the old `licenses` array and reports a package that names none', () => {
    expect(declaredLicence({ name: 'limiter', version: '1', location: 'x', licenses: [{ type: 'MIT' }] })).toBe('MIT');
    expect(declaredLicence({ name: 'x', version: '1', location: 'x' })).toBeNull();
  });
});
