import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStoryIds } from '../support/story-ids';
import { startTestStack, type TestStack } from '../support/stack';
import { authzen, evaluation, urn, uuidUrn } from './support';

let stack: TestStack;
let service: string; // SKATTEETATEN's system: the decision-point scope, owner of ske-mva-melding
beforeAll(async () => {
  // A batch of 1,000 is ~200 kB, above the router's default body limit.
  stack = await startTestStack({ env: { MAX_BODY_BYTES: '1000000' } });
  await loadStoryIds(stack);
  service = await stack.token({ client: 'skatteetaten-system' });
});
afterAll(() => stack?.close());

const DAGL = 'urn:altinn:external-role:ccr:daglig-leder';
const evaluate = async (body: unknown, token = service) => authzen(stack, '/access/v1/evaluation', body, token);
const evaluations = async (body: unknown, token = service) => authzen(stack, '/access/v1/evaluations', body, token);

describe('the AuthZEN evaluation endpoint', () => {
  it('permits KARI to sign the VAT return for TRANA BYGG AS through her role', async () => {
    const { status, body } = await evaluate(evaluation('kari', 'tranabygg', 'sign'));
    expect(status).toBe(200);
    expect(body).toEqual({
      decision: true,
      context: {
        decision: 'PERMIT',
        reasons: [
          { source: 'ROLE', via: DAGL },
          { source: 'ACCESS_PACKAGE', via: 'urn:altinn:accesspackage:merverdiavgift' },
        ],
        obligations: { minimumAuthenticationLevel: 3 },
      },
    });
  });

  it('says no to ASTRID BERG, with the reason in the context', async () => {
    const { status, body } = await evaluate(evaluation('astrid', 'tranabygg', 'sign'));
    expect(status).toBe(200);
    expect(body).toEqual({
      decision: false,
      context: {
        decision: 'DENY',
        reasons: [],
        obligations: { minimumAuthenticationLevel: 3 },
        reason_admin: { en: expect.stringContaining('No role') },
      },
    });
  });

  it('maps INDETERMINATE (a party not in the registers) to false with its reason', async () => {
    const ask = evaluation('kari', 'tranabygg', 'sign');
    ask.resource.properties.party = 'urn:altinn:organization:identifier-no:999999999';
    const { body } = await evaluate(ask);
    expect(body).toMatchObject({
      decision: false,
      context: { decision: 'INDETERMINATE', reason_admin: { en: expect.stringContaining('not in the registers') } },
    });
  });

  it('echoes X-Request-ID, on answers and refusals alike', async () => {
    const ok = await authzen(stack, '/access/v1/evaluation', evaluation('kari', 'tranabygg', 'sign'), service, { 'x-request-id': 'req-4711' });
    expect(ok.headers.get('x-request-id')).toBe('req-4711');
    const refused = await authzen(stack, '/access/v1/evaluation', {}, undefined, { 'x-request-id': 'req-4712' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('req-4712');
  });
});

describe('security and errors', () => {
  it('is 401 without a token or with one the hub did not issue, with a Bearer challenge', async () => {
    const none = await evaluate(evaluation('kari', 'tranabygg', 'sign'), '');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const forged = await evaluate(evaluation('kari', 'tranabygg', 'sign'), 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.');
    expect(forged.status).toBe(401);
  });

  it('is 403 for an organisation without the decision-point scope, and for a person', async () => {
    for (const token of [await stack.token({ client: 'banken-system' }), await stack.personToken('kari')]) {
      for (const path of [
        '/access/v1/evaluation',
        '/access/v1/evaluations',
        '/access/v1/search/subject',
        '/access/v1/search/resource',
        '/access/v1/search/action',
      ]) {
        const { status, body } = await authzen(stack, path, evaluation('kari', 'tranabygg', 'sign'), token);
        expect([path, status, body.error]).toEqual([path, 403, 'forbidden']);
      }
    }
  });

  it('is 403 for an organisation with the scope asking about a resource it does not own', async () => {
    const bank = await stack.token({ org: '310000108', scope: 'altinn:authorization/authorize' });
    const { status, body } = await evaluate(evaluation('kari', 'tranabygg', 'sign'), bank);
    expect(status).toBe(403);
    expect(body.message).toContain('resource.id: ske-mva-melding belongs to another organisation');
  });

  it.each([
    ['a missing action', { ...evaluation('kari', 'tranabygg', 'sign'), action: undefined }, 'action: '],
    [
      'another resource type',
      { ...evaluation('kari', 'tranabygg', 'sign'), resource: { type: 'document', id: 'x', properties: { party: urn('tranabygg') } } },
      'resource.type',
    ],
    ['a malformed party URN', evaluation('kari', 'tranabygg', 'sign', 'ske-mva-melding'), 'resource.properties.party: '],
    ['an action the resource lacks', evaluation('kari', 'tranabygg', 'fly'), 'action.name: ske-mva-melding has no action fly'],
    [
      'a person URN as an organisation subject',
      { ...evaluation('kari', 'tranabygg', 'sign'), subject: { type: 'organization', id: urn('kari') } },
      'subject.type',
    ],
  ])('is 400 for %s, naming the field', async (what, ask, message) => {
    if (what === 'a malformed party URN')
      (ask as ReturnType<typeof evaluation>).resource.properties.party = 'urn:altinn:organization:identifier-no:310000508';
    const { status, body } = await evaluate(ask);
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'bad_request', message: expect.stringContaining(message) });
  });

  it('is 400 for a body that is not JSON, 404 for an unknown endpoint and 405 for GET', async () => {
    const res = await fetch(new URL('/access/v1/evaluation', stack.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${service}` },
      body: '{',
    });
    expect(res.status).toBe(400);
    expect((await authzen(stack, '/access/v1/nothing', {}, service)).status).toBe(404);
    expect((await fetch(new URL('/access/v1/evaluation', stack.url))).status).toBe(405);
  });
});

describe('discovery', () => {
  it('lists every endpoint at /.well-known/authzen-configuration', async () => {
    const res = await fetch(new URL('/.well-known/authzen-configuration', stack.url));
    const base = stack.publicUrl;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      policy_decision_point: base,
      access_evaluation_endpoint: `${base}/access/v1/evaluation`,
      access_evaluations_endpoint: `${base}/access/v1/evaluations`,
      search_subject_endpoint: `${base}/access/v1/search/subject`,
      search_resource_endpoint: `${base}/access/v1/search/resource`,
      search_action_endpoint: `${base}/access/v1/search/action`,
    });
  });
});

describe('the AuthZEN evaluations endpoint', () => {
  // 100 questions: KARI (permitted) everywhere but every seventh from index 3, ASTRID (denied).
  const hundred = () =>
    Array.from({ length: 100 }, (_, i) => {
      const e = evaluation(i % 7 === 3 ? 'astrid' : 'kari', 'tranabygg', 'sign');
      return { subject: e.subject };
    });
  const defaults = () => {
    const { action, resource } = evaluation('kari', 'tranabygg', 'sign');
    return { action, resource };
  };
  const expected = Array.from({ length: 100 }, (_, i) => i % 7 !== 3);

  it('answers a batch of 100 in order with execute_all (the default too)', async () => {
    for (const options of [{ evaluations_semantic: 'execute_all' }, undefined]) {
      const { status, body } = await evaluations({ ...defaults(), evaluations: hundred(), options });
      expect(status).toBe(200);
      expect(body.evaluations.map((e: { decision: boolean }) => e.decision)).toEqual(expected);
    }
  });

  it('stops after the first deny with deny_on_first_deny', async () => {
    const { body } = await evaluations({ ...defaults(), evaluations: hundred(), options: { evaluations_semantic: 'deny_on_first_deny' } });
    expect(body.evaluations.map((e: { decision: boolean }) => e.decision)).toEqual([true, true, true, false]);
    expect(body.evaluations[3].context).toMatchObject({ decision: 'DENY', reason_admin: { en: expect.any(String) } });
  });

  it('stops at the first permit with permit_on_first_permit', async () => {
    const batch = hundred().reverse(); // index 0 is 99: 99 % 7 = 1, KARI; start with ASTRID instead
    batch.unshift(evaluation('astrid', 'tranabygg', 'sign'));
    batch.pop();
    const { body } = await evaluations({ ...defaults(), evaluations: batch, options: { evaluations_semantic: 'permit_on_first_permit' } });
    expect(body.evaluations.map((e: { decision: boolean }) => e.decision)).toEqual([false, true]);
  });

  it('lets an evaluation replace any default, and answers as the single endpoint without evaluations', async () => {
    const { body } = await evaluations({
      ...defaults(),
      subject: evaluation('kari', 'tranabygg', 'sign').subject,
      evaluations: [
        {},
        { action: { name: 'read' } },
        { subject: evaluation('astrid', 'tranabygg', 'sign').subject },
        { resource: evaluation('kari', 'tranaavd', 'sign').resource },
      ],
    });
    expect(body.evaluations.map((e: { decision: boolean }) => e.decision)).toEqual([true, true, false, true]);
    const single = await evaluations(evaluation('kari', 'tranabygg', 'sign'));
    expect(single.body).toMatchObject({ decision: true, context: { decision: 'PERMIT' } });
  });

  it('is 400 naming the evaluation that lacks a part', async () => {
    const missing = await evaluations({ evaluations: [evaluation('kari', 'tranabygg', 'sign'), { action: { name: 'sign' } }] });
    expect(missing).toMatchObject({ status: 400, body: { message: 'evaluations[1].subject: required, here or at the top level' } });
  });

  it('answers a malformed evaluation false with the error, and the others as if it were not there', async () => {
    const kari = evaluation('kari', 'tranabygg', 'sign').subject;
    const batch = [
      { subject: kari },
      { subject: kari, action: { name: 'fly' } },
      { subject: { type: 'person', id: 'urn:altinn:person:identifier-no:17857210043' } },
      { subject: kari, resource: { ...defaults().resource, id: 'no-such-resource' } },
      { subject: { type: 'organization', id: urn('kari') } },
      { subject: kari, action: { name: 'read' } },
    ];
    const { status, body } = await evaluations({ ...defaults(), evaluations: batch });
    expect(status).toBe(200);
    expect(body.evaluations).toEqual([
      expect.objectContaining({ decision: true }),
      { decision: false, context: { error: { status: 400, message: 'action.name: ske-mva-melding has no action fly' } } },
      { decision: false, context: { error: { status: 400, message: expect.stringMatching(/^subject\.id: .*control digit/) } } },
      { decision: false, context: { error: { status: 400, message: 'resource.id: no resource no-such-resource' } } },
      { decision: false, context: { error: { status: 400, message: expect.stringContaining('subject.type:') } } },
      expect.objectContaining({ decision: true }),
    ]);
    // An error is a denial for deny_on_first_deny (AuthZEN §7.1.2).
    const stopped = await evaluations({ ...defaults(), evaluations: batch, options: { evaluations_semantic: 'deny_on_first_deny' } });
    expect(stopped.body.evaluations.map((e: { decision: boolean }) => e.decision)).toEqual([true, false]);
  });

  it('costs a fixed number of statements for a batch with malformed evaluations too', async () => {
    const batch = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        i % 5 === 4 ? evaluation('kari', 'tranabygg', 'fly') : evaluation(i % 2 ? 'kari' : 'astrid', 'tranabygg', 'sign'),
      );
    const statements = async (n: number) => {
      const before = stack.database.statementCount();
      const { body } = await evaluations({ evaluations: batch(n) });
      expect(body.evaluations.filter((e: { context: { error?: unknown } }) => e.context.error)).toHaveLength(n / 5);
      return stack.database.statementCount() - before;
    };
    const ten = await statements(10);
    const thousand = await statements(1000);
    console.log(`SQL statements of a batch with malformed evaluations: 10 → ${ten}, 1,000 → ${thousand}`);
    expect(thousand).toBe(ten);
  });

  it('costs the same SQL statements as an authorize batch, in every semantic, 10 or 1,000 evaluations', async () => {
    const keys = ['kari', 'astrid', 'hakon', 'siri', 'arian'];
    const batch = (n: number) =>
      Array.from({ length: n }, (_, i) => evaluation(keys[i % keys.length]!, i % 3 ? 'tranabygg' : 'tranaavd', ['read', 'sign'][i % 2]!));
    const statements = async (run: () => Promise<unknown>) => {
      const before = stack.database.statementCount();
      await run();
      return stack.database.statementCount() - before;
    };
    const viaGraph = await statements(() =>
      stack.graphql(
        'query($r: [AuthorizationRequestInput!]!) { authorize(requests: $r) { decision } }',
        {
          r: batch(1000).map((e) => ({ subject: e.subject.id, party: e.resource.properties.party, resource: e.resource.id, action: e.action.name })),
        },
        service,
      ),
    );
    const counts: Record<string, number> = {};
    for (const semantic of ['execute_all', 'deny_on_first_deny', 'permit_on_first_permit']) {
      for (const n of [10, 1000]) {
        counts[`${semantic} ${n}`] = await statements(async () => {
          const { status, body } = await evaluations({ evaluations: batch(n), options: { evaluations_semantic: semantic } });
          expect(status).toBe(200);
          expect(body.evaluations.length).toBeGreaterThan(0);
        });
      }
    }
    console.log(`SQL statements: authorize of 1,000 = ${viaGraph}; AuthZEN batches:`, counts);
    expect(new Set(Object.values(counts))).toEqual(new Set([viaGraph]));
  });
});

const DELEGATE = /* GraphQL */ `mutation Delegate($input: DelegateInput!) { delegate(input: $input) { id } }`;
const REVOKE = /* GraphQL */ `mutation Revoke($id: ID!) { revokeDelegation(id: $id) { id revokedAt } }`;
const search = async (kind: 'subject' | 'resource' | 'action', body: unknown, token = service) =>
  authzen(stack, `/access/v1/search/${kind}`, body, token);
const subjectSearch = (page?: { limit?: number; token?: string; next_token?: string }) => {
  const { action, resource } = evaluation('kari', 'tranabygg', 'sign');
  return { subject: { type: 'person' }, action, resource, ...(page ? { page } : {}) };
};

describe('a delegation and its revocation', () => {
  let delegationId: string;

  it('shows up in the very next evaluation, and in the subject search with KARI', async () => {
    expect((await evaluate(evaluation('arian', 'tranabygg', 'sign'))).body.decision).toBe(false);
    const { body } = await stack.graphql(
      DELEGATE,
      { input: { from: urn('tranabygg'), to: urn('arian'), resource: 'ske-mva-melding', actions: ['sign'] } },
      await stack.personToken('kari'),
    );
    expect(body.errors).toBeUndefined();
    delegationId = body.data.delegate.id;
    expect((await evaluate(evaluation('arian', 'tranabygg', 'sign'))).body).toMatchObject({
      decision: true,
      context: { decision: 'PERMIT', reasons: [{ source: 'DELEGATION', via: delegationId }] },
    });

    const found = await search('subject', subjectSearch());
    expect(found.status).toBe(200);
    // SKATTEETATEN may not see their numbers: persons come by uuid URN, as everywhere in the graph.
    expect(found.body.results.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([uuidUrn('kari'), uuidUrn('arian')]));
    expect(found.body.results).toContainEqual({
      type: 'person',
      id: uuidUrn('arian'),
      properties: { reasons: [{ source: 'DELEGATION', via: delegationId }], obligations: { minimumAuthenticationLevel: 3 } },
    });
    expect(found.body.results.map((s: { id: string }) => s.id)).not.toContain(uuidUrn('astrid'));
    expect(found.body.page).toEqual({ next_token: '', count: found.body.results.length, total: found.body.results.length });
  });

  it('pages the subject search: pages of one give the same subjects as one page', async () => {
    const all = (await search('subject', subjectSearch())).body.results;
    expect(all.length).toBeGreaterThanOrEqual(2);
    const paged: unknown[] = [];
    let page: { limit: number; token?: string } = { limit: 1 };
    for (let i = 0; i < 20; i++) {
      const { status, body } = await search('subject', subjectSearch(page));
      expect(status).toBe(200);
      paged.push(...body.results);
      if (!body.page.next_token) break;
      page = { limit: 1, token: body.page.next_token };
    }
    expect(paged).toEqual(all);
    const foreign = await search('subject', { ...subjectSearch({ token: 'eyJvIjoxLCJrIjoieCJ9' }), action: { name: 'read' } });
    expect(foreign).toMatchObject({ status: 400, body: { message: 'page.token: not a token of this search' } });
  });

  it('lists only organisations when asked for organisation subjects', async () => {
    const { body } = await search('subject', { ...subjectSearch(), subject: { type: 'organization' } });
    expect(body.results.every((s: { type: string; id: string }) => s.type === 'organization' && s.id.startsWith('urn:altinn:organization:'))).toBe(
      true,
    );
  });

  it('finds ARIAN’s actions for TRANA BYGG AS (action search), and TRANA BYGG AS among his parties (resource search)', async () => {
    const { subject, resource } = evaluation('arian', 'tranabygg', 'sign');
    const actions = await search('action', { subject, resource });
    expect(actions.status).toBe(200);
    expect(actions.body.results.map((a: { name: string }) => a.name)).toEqual(['sign']);
    const kari = await search('action', { subject: evaluation('kari', 'tranabygg', 'sign').subject, resource });
    expect(kari.body.results.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(['read', 'write', 'sign']));

    const resources = await search('resource', { subject, action: { name: 'sign' }, resource: { type: 'urn:altinn:resource' } });
    expect(resources.status).toBe(200);
    expect(resources.body.results).toContainEqual({
      type: 'urn:altinn:resource',
      id: 'ske-mva-melding',
      properties: { party: urn('tranabygg'), reasons: [{ source: 'DELEGATION', via: delegationId }], obligations: { minimumAuthenticationLevel: 3 } },
    });
  });

  it('is gone from the very next evaluation and search once revoked', async () => {
    const { body } = await stack.graphql(REVOKE, { id: delegationId }, await stack.personToken('kari'));
    expect(body.errors).toBeUndefined();
    expect((await evaluate(evaluation('arian', 'tranabygg', 'sign'))).body).toMatchObject({ decision: false, context: { decision: 'DENY' } });
    const found = await search('subject', subjectSearch());
    expect(found.body.results.map((s: { id: string }) => s.id)).toContain(uuidUrn('kari'));
    expect(found.body.results.map((s: { id: string }) => s.id)).not.toContain(uuidUrn('arian'));
    expect(
      (
        await search('action', {
          subject: evaluation('arian', 'tranabygg', 'sign').subject,
          resource: evaluation('arian', 'tranabygg', 'sign').resource,
        })
      ).body.results,
    ).toEqual([]);
  });

  it('refuses a search about a resource another organisation owns (403)', async () => {
    const bank = await stack.token({ org: '310000108', scope: 'altinn:authorization/authorize' });
    expect((await search('subject', subjectSearch(), bank)).status).toBe(403);
    const { subject } = evaluation('kari', 'tranabygg', 'sign');
    expect(
      (await search('resource', { subject, action: { name: 'sign' }, resource: { type: 'urn:altinn:resource', id: 'ske-mva-melding' } }, bank))
        .status,
    ).toBe(403);
  });
});
