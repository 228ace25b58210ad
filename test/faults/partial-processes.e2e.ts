import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_FIVE, expectWhole, FIELD_OF, hakonHasGivenAConsent } from '../support/all-five';
import { ACCEPT, URN } from '../support/consents';
import { byCode, CREATE_ACCREDITATION, HARVEST, sblInput } from '../support/evidence';
import { startProcessStack, type ProcessStack } from './support/process-stack';
import { startOwnPostgres, type OwnPostgres } from './support/postgres';

/**
 * The in-process tests in test/resilience (partial.e2e.ts, evidence-consents.e2e.ts) again, with real faults: each
 * subgraph is a separate `npm run start:*` process on the suite's own Postgres, killed with SIGKILL (nothing listens)
 * or frozen with SIGSTOP (the socket accepts, nobody answers), then started or continued again.
 */
const BUDGET_MS = 1500;
let pg: OwnPostgres;
let stack: ProcessStack;
let banken: string;
let hakon: string;
let stopped = false;
beforeAll(async () => {
  pg = await startOwnPostgres();
  stack = await startProcessStack(pg.url, { EVIDENCE_SOURCE_TIMEOUT_MS: String(BUDGET_MS) });
  [banken, hakon] = await Promise.all([stack.token({ client: 'banken-system' }), stack.token({ pid: '12888510018' })]);
  await hakonHasGivenAConsent(stack.graphql, banken, hakon);
});
afterAll(async () => {
  if (stopped) await stack.signal('consents', 'SIGCONT').catch(() => {});
  if (stack) await stack.stop().catch(() => stack.processes.forEach((p) => p.exit || p.child.kill('SIGKILL')));
  await pg?.destroy();
});

const exited = (except: string[] = []) =>
  stack.processes.filter((p) => p.exit && !except.includes(p.name)).map((p) => `${p.name} ${JSON.stringify(p.exit)}\n${p.output()}`);

describe('partial results with one subgraph process killed (separate processes, own Postgres)', () => {
  let whole: Record<string, unknown>;
  it('answers the whole query with every subgraph up', async () => {
    const { body } = await stack.graphql(ALL_FIVE, {}, hakon);
    whole = expectWhole(body);
  });

  for (const [name, field] of Object.entries(FIELD_OF)) {
    it(`keeps the other four's data with ${name} killed (SIGKILL), names ${name} at ${field}, and is whole again after a restart`, async () => {
      await stack.signal(name, 'SIGKILL');
      const down = await stack.graphql(ALL_FIVE, {}, hakon);
      const restartAt = Date.now();
      await stack.restart(name);
      const restartMs = Date.now() - restartAt;
      const back = await stack.graphql(ALL_FIVE, {}, hakon);
      console.log(`${name} killed: partial answer in ${down.ms} ms; restarted and ready in ${restartMs} ms; whole answer in ${back.ms} ms`);

      expect(down.status).toBe(200);
      expect(down.body.data.me).toEqual({ ...whole, [field]: null });
      expect(down.body.errors).toEqual([
        {
          message: expect.stringContaining(`The ${name} service is unavailable`),
          path: ['me', field],
          extensions: { code: 'UNAVAILABLE', service: name },
        },
      ]);
      expect(back.body.errors).toBeUndefined();
      expect(back.body.data.me).toEqual(whole);
      expect(exited()).toEqual([]);
    });
  }

  it('names parties when parties is killed; the other four still answer their own fields; whole again after a restart', async () => {
    await stack.signal('parties', 'SIGKILL');
    const down = await stack.graphql(ALL_FIVE, {}, hakon);
    const others = `{ me { urn } roles { code } serviceContexts { id } authorize(requests: []) { decision } consentSigningKeys }`;
    const res = await stack.graphql(others, {}, hakon);
    const restartAt = Date.now();
    await stack.restart('parties');
    const restartMs = Date.now() - restartAt;
    const back = await stack.graphql(ALL_FIVE, {}, hakon);
    console.log(
      `parties killed: me null in ${down.ms} ms, other root fields in ${res.ms} ms; restarted and ready in ${restartMs} ms; whole answer in ${back.ms} ms`,
    );

    expect(down.body.data).toEqual({ me: null });
    expect(down.body.errors).toEqual([expect.objectContaining({ path: ['me'], extensions: { code: 'UNAVAILABLE', service: 'parties' } })]);
    // `me` itself comes from parties; what the others serve without it is still there.
    expect(res.body.data.me).toBeNull();
    expect(res.body.data.roles.length).toBeGreaterThan(0);
    expect(res.body.data.serviceContexts.length).toBeGreaterThan(0);
    expect(res.body.data.authorize).toEqual([]);
    expect(res.body.data.consentSigningKeys).toEqual({ keys: expect.any(Array) });
    expect(res.body.errors!.map((e) => e.extensions?.service)).toEqual(['parties']);
    expect(back.body.errors).toBeUndefined();
    expect(back.body.data.me).toEqual(whole);
    expect(exited()).toEqual([]);
  });
});

describe('the evidence process when the consents process hangs (SIGSTOP)', () => {
  /** An accepted sbl accreditation for HÅKON, made while consents is up. */
  async function acceptedAccreditation() {
    const { body } = await stack.graphql(CREATE_ACCREDITATION, { input: sblInput(URN.hakon) }, banken);
    expect(body.errors).toBeUndefined();
    const acc = body.data.createAccreditation as { id: string; consentRequests: { id: string }[] };
    expect(acc.consentRequests.length).toBeGreaterThan(0);
    for (const c of acc.consentRequests) expect((await stack.graphql(ACCEPT, { id: c.id }, hakon)).body.errors).toBeUndefined();
    return acc.id;
  }

  it(`answers UNAVAILABLE with retryAt, not DENIED, within the ${BUDGET_MS} ms source budget; harvests again after SIGCONT`, async () => {
    const id = await acceptedAccreditation();
    await stack.signal('consents', 'SIGSTOP');
    stopped = true;
    const hung = await stack.graphql(HARVEST, { id }, banken).finally(async () => {
      await stack.signal('consents', 'SIGCONT');
      stopped = false;
    });
    const back = await stack.graphql(HARVEST, { id }, banken);
    console.log(`consents stopped: harvest answered in ${hung.ms} ms (budget ${BUDGET_MS} ms); after SIGCONT in ${back.ms} ms`);

    expect(hung.body.errors).toBeUndefined();
    const evidence = hung.body.data.accreditation.evidence as { code: string; status: string; reason: string | null; retryAt: string | null }[];
    // Every sbl code rests on HÅKON's consent, so none can be harvested without a token; none is a refusal either.
    expect(evidence.length).toBe(3);
    expect(evidence.map((e) => e.status)).not.toContain('DENIED');
    for (const e of evidence) {
      expect(e).toMatchObject({ status: 'UNAVAILABLE', retryAt: expect.any(String) });
      expect(e.reason).toMatch(new RegExp(`did not answer within ${BUDGET_MS} ms`));
      expect(Date.parse(e.retryAt!)).toBeGreaterThan(Date.now());
    }
    expect(hung.ms).toBeGreaterThanOrEqual(BUDGET_MS - 100);
    expect(hung.ms).toBeLessThan(BUDGET_MS + 2000);

    expect(back.body.errors).toBeUndefined();
    const ev = byCode(back.body.data.accreditation.evidence as { code: string; status: string }[]);
    expect(ev.SummertSkattegrunnlag).toMatchObject({ status: 'AVAILABLE' });
    expect(exited()).toEqual([]);
  });
});
