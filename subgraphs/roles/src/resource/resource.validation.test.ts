import { describe, expect, it } from 'vitest';
import { inputField, validateResourceInput, type Catalogue } from './resource.validation';

const catalogue: Catalogue = {
  role: async (code) => (['DAGL', 'REGN'].includes(code) ? { code } : null),
  accessPackage: async (urn) => (urn === 'urn:altinn:accesspackage:merverdiavgift' ? { urn } : null),
  consentTemplate: async (id) => (id === 'default' ? { id } : null),
};

const service = {
  id: 'ske-test',
  type: 'SERVICE',
  title: 'Test',
  actions: ['read', 'write'],
  delegable: false,
  oneTimeConsent: false,
  policy: [{ subjectKind: 'ROLE', subject: 'DAGL', actions: ['read'] }],
};

async function problem(input: object): Promise<string> {
  try {
    await validateResourceInput(input, catalogue);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the input to be refused');
}

describe('validateResourceInput', () => {
  it('accepts a service and gives it no consent fields and no level', async () => {
    expect(await validateResourceInput(service, catalogue)).toEqual({
      ...service,
      minimumAuthenticationLevel: null,
      consentTemplate: null,
      consentMetadata: null,
    });
  });

  it('gives a consent resource an empty metadata list when none is named', async () => {
    const draft = await validateResourceInput(
      { ...service, type: 'CONSENT', actions: ['consent'], consentTemplate: 'default', policy: [] },
      catalogue,
    );
    expect(draft.consentMetadata).toEqual([]);
  });

  it('names the first wrong field by its path in the input', async () => {
    expect(await problem({ ...service, actions: ['read', 'read'] })).toBe('input.actions[1]: read is listed twice');
    expect(await problem({ ...service, policy: [{ subjectKind: 'ROLE', subject: 'DAGL', actions: ['sign'] }] })).toBe(
      "input.policy[0].actions[0]: sign is not one of the resource's actions (read, write)",
    );
    expect(await problem({ ...service, type: 'CONSENT', actions: ['read'], consentTemplate: 'default' })).toBe(
      'input.actions: a CONSENT resource must have the action consent',
    );
    expect(await problem({ ...service, oneTimeConsent: true })).toBe('input.oneTimeConsent: only CONSENT resources can be one-time');
  });

  it('checks every policy subject against the catalogue of its kind', async () => {
    const policy = [
      { subjectKind: 'ROLE', subject: 'REGN', actions: ['read'] },
      { subjectKind: 'PACKAGE', subject: 'DAGL', actions: ['read'] },
    ];
    expect(await problem({ ...service, policy })).toBe('input.policy[1].subject: no access package DAGL');
  });

  it('formats paths as GraphQL clients write them', () => {
    expect(inputField(['policy', 2, 'actions', 0])).toBe('input.policy[2].actions[0]');
    expect(inputField([])).toBe('input');
  });
});
