import { describe, expect, it } from 'vitest';
import { requireStatus, TRANSITIONS, type ConsentTransition } from './consent.status';
import { ConsentStatus } from './consent.type';

const now = new Date('2026-06-01T12:00:00Z');
const future = new Date('2027-01-01T00:00:00Z');
const past = new Date('2026-01-01T00:00:00Z');
type Stored = Exclude<ConsentStatus, 'EXPIRED'>;
const consent = (status: Stored, validTo = future) => ({ status, validTo });

// The state table as a specification: every transition against every status a consent can be in.
const EXPECTED: Record<ConsentTransition, ConsentStatus[]> = {
  accept: ['CREATED', 'ACCEPTED'],
  reject: ['CREATED', 'REJECTED'],
  delete: ['CREATED'],
  revoke: ['ACCEPTED'],
  use: ['ACCEPTED'],
  'issue a consent token': ['ACCEPTED'],
};

describe('the consent state table', () => {
  for (const [transition, allowed] of Object.entries(EXPECTED) as [ConsentTransition, ConsentStatus[]][]) {
    it(`lets ${transition} start only from ${allowed.join(' or ')}`, () => {
      expect([...TRANSITIONS[transition]].sort()).toEqual([...allowed].sort());
      for (const status of ['CREATED', 'ACCEPTED', 'REJECTED', 'REVOKED', 'DELETED', 'USED'] as Stored[]) {
        const attempt = () => requireStatus(transition, consent(status), now);
        if (allowed.includes(status)) expect(attempt()).toBe(status);
        else expect(attempt).toThrow(`Cannot ${transition}: `);
      }
    });
  }

  it('lets nothing start from an expired request or consent, and says it expired', () => {
    for (const transition of Object.keys(TRANSITIONS) as ConsentTransition[]) {
      for (const status of ['CREATED', 'ACCEPTED'] as Stored[]) {
        expect(() => requireStatus(transition, consent(status, past), now)).toThrow(`Cannot ${transition}: the consent request has expired.`);
      }
    }
  });
});
