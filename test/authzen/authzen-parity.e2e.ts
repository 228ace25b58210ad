import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { story } from '@hub/db';
import { rng } from '../support/random';
import { loadStoryIds } from '../support/story-ids';
import { startTestStack, type TestStack } from '../support/stack';
import { AUTHORIZE, authzen, evaluation, urn } from './support';

let stack: TestStack;
let service: string;
let resources: { id: string; actions: string[] }[];
const persons = story.persons.map((p) => p.key);
const parties = [...persons, ...story.organizations.map((o) => o.key)];

beforeAll(async () => {
  stack = await startTestStack({ env: { MAX_BODY_BYTES: '1000000' } });
  await loadStoryIds(stack);
  service = await stack.token({ client: 'skatteetaten-system' });
  const kari = await stack.personToken('kari');
  // Paths beyond the registers' roles: a resource delegation and a package delegation.
  for (const input of [
    { from: urn('tranabygg'), to: urn('arian'), resource: 'ske-mva-melding', actions: ['read', 'write'] },
    { from: urn('tranabygg'), to: urn('hakon'), package: 'urn:altinn:accesspackage:merverdiavgift' },
  ]) {
    const { body } = await stack.graphql('mutation($i: DelegateInput!) { delegate(input: $i) { id } }', { i: input }, kari);
    expect(body.errors).toBeUndefined();
  }
  const { body } = await stack.graphql('{ me { urn } resources { id actions owner { urn } } }', {}, service);
  resources = body.data.resources.filter((r: { owner: { urn: string } }) => r.owner.urn === body.data.me.urn);
});
afterAll(() => stack?.close());

/** Parties someone in the story holds a role or delegation for: most questions are about them. */
const busy = ['tranabygg', 'tranaavd', 'regnskap', 'revisjon', 'banken', 'hakon', 'emma', 'astrid'];

/**
 * Questions over every story party as subject and party and every resource SKATTEETATEN owns with its actions,
 * weighted towards the parties and the resource (ske-mva-melding) where the story has paths, so both answers occur.
 */
function generated(seed: number, n: number) {
  const random = rng(seed);
  const mva = resources.find((r) => r.id === 'ske-mva-melding')!;
  return Array.from({ length: n }, () => {
    const resource = random.chance(0.6) ? mva : random.pick(resources);
    const subject = random.chance(0.8) ? random.pick(persons) : random.pick(parties);
    const party = random.chance(0.7) ? random.pick(busy) : random.pick(parties);
    const e = evaluation(subject, party, random.pick(resource.actions), resource.id);
    // Now and then a party the registers do not know: INDETERMINATE.
    if (random.chance(0.03)) e.resource.properties.party = 'urn:altinn:organization:identifier-no:999999999';
    return e;
  });
}

const toAuthorize = (e: ReturnType<typeof evaluation>) => ({
  subject: e.subject.id,
  party: e.resource.properties.party,
  resource: e.resource.id,
  action: e.action.name,
});

describe('AuthZEN and authorize give the same answers', () => {
  it('on the same 1,000 generated requests, and the single endpoint on 100 of them', { timeout: 120_000 }, async () => {
    const asks = generated(15, 1000);
    const graph = await stack.graphql(AUTHORIZE, { requests: asks.map(toAuthorize) }, service);
    expect(graph.body.errors).toBeUndefined();
    const decisions = graph.body.data.authorize as { decision: string; reasons: unknown[]; obligations: unknown }[];
    const batch = await authzen(stack, '/access/v1/evaluations', { evaluations: asks }, service);
    expect(batch.status).toBe(200);
    expect(batch.body.evaluations).toHaveLength(1000);
    batch.body.evaluations.forEach((answer: { decision: boolean; context: Record<string, unknown> }, i: number) => {
      expect([i, answer.decision, answer.context.decision, answer.context.reasons, answer.context.obligations]).toEqual([
        i,
        decisions[i]!.decision === 'PERMIT',
        decisions[i]!.decision,
        decisions[i]!.reasons,
        decisions[i]!.obligations,
      ]);
    });
    for (let i = 0; i < 1000; i += 10) {
      const single = await authzen(stack, '/access/v1/evaluation', asks[i], service);
      expect(single.body).toEqual(batch.body.evaluations[i]);
    }
    const tally = (values: string[]) => values.reduce<Record<string, number>>((t, v) => ({ ...t, [v]: (t[v] ?? 0) + 1 }), {});
    console.log('1,000 generated requests, answers by outcome:', tally(decisions.map((d) => d.decision)));
    expect(Object.keys(tally(decisions.map((d) => d.decision))).sort()).toEqual(['DENY', 'INDETERMINATE', 'NOT_APPLICABLE', 'PERMIT']);
    expect(decisions.filter((d) => d.decision === 'PERMIT').length).toBeGreaterThan(50);
  });

  // Each search below is checked against one authorize batch over every story combination it could list.
  type Ask = ReturnType<typeof evaluation>;
  const keyOf = (a: Ask) => `${a.subject.id} ${a.resource.properties.party} ${a.resource.id} ${a.action.name}`;
  async function permitted(asks: Ask[]): Promise<Set<string>> {
    const { body } = await stack.graphql(AUTHORIZE, { requests: asks.map(toAuthorize) }, service);
    return new Set(asks.filter((_, i) => body.data.authorize[i].decision === 'PERMIT').map(keyOf));
  }
  /** A person the caller may not see comes by uuid URN: compared by the story URN. */
  const storyUrns = async () =>
    new Map<string, string>(await Promise.all(persons.map(async (p) => [`urn:altinn:party:uuid:${await stack.partyId(p)}`, urn(p)] as const)));
  const ACTIONS = ['read', 'write', 'sign'];

  it('subject search lists exactly the persons authorize permits, for every party and action on the VAT return', { timeout: 120_000 }, async () => {
    const storyUrnOf = await storyUrns();
    const yes = await permitted(parties.flatMap((party) => ACTIONS.flatMap((action) => persons.map((p) => evaluation(p, party, action)))));
    const cases = parties.flatMap((party) => ACTIONS.map((action) => ({ party, action })));
    const answers = await Promise.all(
      cases.map(({ party, action }) =>
        authzen(
          stack,
          '/access/v1/search/subject',
          { subject: { type: 'person' }, action: { name: action }, resource: evaluation('kari', party, action).resource },
          service,
        ),
      ),
    );
    let listed = 0;
    cases.forEach(({ party, action }, i) => {
      const ids = (answers[i]!.body.results as { id: string }[]).map((s) => storyUrnOf.get(s.id) ?? s.id).sort();
      const expected = persons
        .filter((p) => yes.has(keyOf(evaluation(p, party, action))))
        .map(urn)
        .sort();
      expect([party, action, ids]).toEqual([party, action, expected]);
      listed += ids.length;
    });
    console.log(`subject search: ${cases.length} searches, ${listed} subjects listed, each as authorize permits`);
    expect(listed).toBeGreaterThan(3);
  });

  it('action search lists exactly the actions authorize permits, for every person and party', { timeout: 120_000 }, async () => {
    const yes = await permitted(persons.flatMap((s) => parties.flatMap((party) => ACTIONS.map((a) => evaluation(s, party, a)))));
    const cases = persons.flatMap((subject) => parties.map((party) => ({ subject, party })));
    const answers = await Promise.all(
      cases.map(({ subject, party }) => {
        const { subject: s, resource } = evaluation(subject, party, 'read');
        return authzen(stack, '/access/v1/search/action', { subject: s, resource }, service);
      }),
    );
    cases.forEach(({ subject, party }, i) => {
      const names = answers[i]!.body.results.map((a: { name: string }) => a.name);
      expect([subject, party, names]).toEqual([subject, party, ACTIONS.filter((a) => yes.has(keyOf(evaluation(subject, party, a))))]);
    });
    console.log(`action search: ${cases.length} searches, each as authorize permits`);
  });

  it('resource search lists exactly the resources and parties authorize permits, for every person', { timeout: 120_000 }, async () => {
    const storyUrnOf = await storyUrns();
    const signable = resources.filter((r) => r.actions.includes('sign'));
    const asksOf = (subject: string) => parties.flatMap((party) => signable.map((r) => evaluation(subject, party, 'sign', r.id)));
    const yes = await permitted(persons.flatMap(asksOf));
    const answers = await Promise.all(
      persons.map((subject) =>
        authzen(
          stack,
          '/access/v1/search/resource',
          { subject: evaluation(subject, 'kari', 'sign').subject, action: { name: 'sign' }, resource: { type: 'urn:altinn:resource' } },
          service,
        ),
      ),
    );
    let found = 0;
    persons.forEach((subject, i) => {
      const listed = (answers[i]!.body.results as { id: string; properties: { party: string } }[])
        .map((r) => `${r.id} ${storyUrnOf.get(r.properties.party) ?? r.properties.party}`)
        .sort();
      const expected = asksOf(subject)
        .filter((a) => yes.has(keyOf(a)))
        .map((a) => `${a.resource.id} ${a.resource.properties.party}`)
        .sort();
      expect([subject, listed]).toEqual([subject, expected]);
      found += listed.length;
    });
    console.log(`resource search: ${persons.length} searches, ${found} resource-party pairs listed, each as authorize permits`);
    expect(found).toBeGreaterThan(0);
  });
});
