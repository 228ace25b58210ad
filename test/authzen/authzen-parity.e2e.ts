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

const toAuthorize = (e: ReturnType<typeof evaluation>) => ({ subject: e.subject.id, party: e.resource.properties.party, resource: e.resource.id, action: e.action.name });

describe('AuthZEN and authorize give the same answers', () => {
  it('on the same 1,000 generated requests, and the single endpoint on 100 of them', async () => {
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

  it('subject, resource and action search list exactly what authorize permits', async () => {
    const byKey = async (requests: ReturnType<typeof toAuthorize>[]) => {
      const { body } = await stack.graphql(AUTHORIZE, { requests }, service);
      return (body.data.authorize as { decision: string }[]).map((d) => d.decision === 'PERMIT');
    };
    // Subject search: for every party and action on ske-mva-melding, the persons it lists are those authorize permits.
    const uuidOf = new Map<string, string>(await Promise.all(persons.map(async (p) => [`urn:altinn:party:uuid:${await stack.partyId(p)}`, p] as const)));
    // A person the caller may not see comes by uuid URN: compared by the story URN.
    const storyUrnOf = new Map<string, string>([...uuidOf].map(([uuid, key]) => [uuid, urn(key)]));
    let found = 0;
    let checked = 0;
    for (const party of parties) {
      for (const action of ['read', 'write', 'sign']) {
        const { resource } = evaluation('kari', party, action);
        const { body } = await authzen(stack, '/access/v1/search/subject', { subject: { type: 'person' }, action: { name: action }, resource }, service);
        const listed = (body.results as { id: string }[]).map((s) => uuidOf.get(s.id) ?? s.id).sort();
        const permits = await byKey(persons.map((p) => toAuthorize(evaluation(p, party, action))));
        expect([party, action, listed]).toEqual([party, action, persons.filter((_, i) => permits[i]).sort()]);
        checked += listed.length;
      }
    }
    // Action search: per person and party, the actions listed are those authorize permits.
    for (const subject of persons) {
      for (const party of parties) {
        const { subject: s, resource } = evaluation(subject, party, 'read');
        const { body } = await authzen(stack, '/access/v1/search/action', { subject: s, resource }, service);
        const permits = await byKey(['read', 'write', 'sign'].map((a) => toAuthorize(evaluation(subject, party, a))));
        expect([subject, party, body.results.map((a: { name: string }) => a.name)]).toEqual([subject, party, ['read', 'write', 'sign'].filter((_, i) => permits[i])]);
      }
    }
    // Resource search: per person, the (resource, party) pairs listed are those authorize permits among every party.
    for (const subject of persons) {
      const { body } = await authzen(stack, '/access/v1/search/resource', { subject: evaluation(subject, 'kari', 'sign').subject, action: { name: 'sign' }, resource: { type: 'urn:altinn:resource' } }, service);
      const listed = (body.results as { id: string; properties: { party: string } }[]).map((r) => `${r.id} ${storyUrnOf.get(r.properties.party) ?? r.properties.party}`).sort();
      const signable = resources.filter((r) => r.actions.includes('sign'));
      const asks = parties.flatMap((party) => signable.map((r) => evaluation(subject, party, 'sign', r.id)));
      const permits = await byKey(asks.map(toAuthorize));
      expect([subject, listed]).toEqual([subject, asks.filter((_, i) => permits[i]).map((a) => `${a.resource.id} ${a.resource.properties.party}`).sort()]);
      found += listed.length;
    }
    console.log(`searches checked against authorize: ${checked} subjects listed, ${found} resource-party pairs listed`);
    expect(checked).toBeGreaterThan(3);
    expect(found).toBeGreaterThan(0);
  });
});
