import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoryDatabase, partyIdOf, type Database } from '@hub/db';
import { packageResources, policyRules, resources } from '@hub/db/roles';
import { insertResource, replaceResource } from './resource.store';
import type { ResourceDraft } from './resource.validation';

let SKATTEETATEN: string;
let OTHER_OWNER: string;
let database: Database;
beforeAll(async () => {
  database = await openStoryDatabase();
  SKATTEETATEN = (await partyIdOf(database.db, '310000701'))!;
  OTHER_OWNER = (await partyIdOf(database.db, '310000809'))!;
});
afterAll(() => database?.close());

const draft = (id: string, policy: ResourceDraft['policy']): ResourceDraft => ({
  id,
  type: 'SERVICE',
  title: 'Test',
  actions: ['read'],
  delegable: false,
  minimumAuthenticationLevel: null,
  consentTemplate: null,
  consentMetadata: null,
  oneTimeConsent: false,
  policy,
});
const DAGL_READ = { subjectKind: 'ROLE' as const, subject: 'DAGL', actions: ['read'] };
// Past validation this cannot happen; here it makes the last statement of the transaction fail.
const NO_SUCH_PACKAGE = { subjectKind: 'PACKAGE' as const, subject: 'urn:altinn:accesspackage:nope', actions: ['read'] };

const stored = async (id: string) => ({
  resource: await database.db.select({ title: resources.title }).from(resources).where(eq(resources.id, id)),
  rules: await database.db.select({ subject: policyRules.subject }).from(policyRules).where(eq(policyRules.resourceId, id)),
  links: await database.db.select().from(packageResources).where(eq(packageResources.resourceId, id)),
});

describe('resource writes', () => {
  it('writes no resource when its policy cannot be written', async () => {
    await expect(insertResource(database.db, SKATTEETATEN, draft('ske-halv', [DAGL_READ, NO_SUCH_PACKAGE]))).rejects.toThrow();
    expect(await stored('ske-halv')).toEqual({ resource: [], rules: [], links: [] });
  });

  it('keeps the old resource and policy when a replacement fails halfway', async () => {
    await insertResource(database.db, SKATTEETATEN, draft('ske-hel', [DAGL_READ]));
    const before = await stored('ske-hel');
    const failing = { ...draft('ske-hel', [NO_SUCH_PACKAGE]), title: 'Endret' };
    await expect(replaceResource(database.db, SKATTEETATEN, failing)).rejects.toThrow();
    expect(await stored('ske-hel')).toEqual(before);
    expect(before.rules).toEqual([{ subject: 'DAGL' }]);
  });

  it('answers null, writing nothing, for a taken id or another owner', async () => {
    expect(await insertResource(database.db, SKATTEETATEN, draft('ske-mva-melding', []))).toBeNull();
    expect(await replaceResource(database.db, OTHER_OWNER, draft('ske-mva-melding', []))).toBeNull();
    const { resource, rules } = await stored('ske-mva-melding');
    expect(resource).toEqual([{ title: 'Mva-melding' }]);
    expect(rules.length).toBeGreaterThan(0);
  });
});
