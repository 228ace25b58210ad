import { afterAll, describe, expect, it } from 'vitest';
import { ACCEPT, URN } from './support/consents';
import { accredit, byCode, HARVEST, sblInput } from './support/evidence';
import { startTestStack, type TestStack } from './support/stack';

const stacks: TestStack[] = [];
afterAll(() => Promise.all(stacks.map((s) => s.close())));

/** An accepted sbl accreditation on a stack whose NAV source is made to fail or hang, harvested once. */
async function harvestWith(fault: 'fail' | 'hang') {
  const stack = await startTestStack({ env: { EVIDENCE_SOURCE_FAULTS: JSON.stringify({ nav: fault }), EVIDENCE_SOURCE_TIMEOUT_MS: '1500' } });
  stacks.push(stack);
  const [banken, hakon] = await Promise.all([stack.token({ client: 'banken-system' }), stack.personToken('hakon')]);
  const acc = await accredit(stack, sblInput(URN.hakon), banken);
  for (const c of acc.consentRequests) expect((await stack.graphql(ACCEPT, { id: c.id }, hakon)).body.errors).toBeUndefined();
  const started = Date.now();
  const { body } = await stack.graphql(HARVEST, { id: acc.id }, banken);
  return { body, ms: Date.now() - started };
}

describe('a failing or hanging source', () => {
  for (const fault of ['fail', 'hang'] as const) {
    it(`leaves the other codes' values intact when NAV is made to ${fault}`, async () => {
      const { body, ms } = await harvestWith(fault);
      expect(body.errors).toBeUndefined();
      const ev = byCode(body.data.accreditation.evidence as { code: string; values: unknown[] | null }[]);
      expect(ev.AapUforetrygd).toMatchObject({ status: 'UNAVAILABLE', values: null, retryAt: expect.any(String) });
      expect(ev.SummertSkattegrunnlag).toMatchObject({ status: 'AVAILABLE' });
      expect(ev.StudielanSaldo).toMatchObject({ status: 'AVAILABLE' });
      expect(ev.SummertSkattegrunnlag!.values).toHaveLength(3);
      expect(ev.StudielanSaldo!.values).toHaveLength(1);
      if (fault === 'hang') expect(ms).toBeGreaterThanOrEqual(1500);
    });
  }
});
