import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizationUrn, personUrn, storyParty } from '@hub/db';
import { accessRequests, auditLog, delegations } from '@hub/db/delegations';
import { loadStoryIds, partyUuid } from './support/story-ids';
import { startTestStack, type TestStack } from './support/stack';
import { contractOperation } from './support/contract';

let stack: TestStack;
beforeAll(async () => {
  // 1,000 authorization requests are ~160 kB of variables, above the router's default body limit.
  stack = await startTestStack({ env: { MAX_BODY_BYTES: '1000000' } });
  await loadStoryIds(stack);
});
afterAll(() => stack?.close());

const story = (key: string) => storyParty(key);
const urn = (key: string) => {
  const p = story(key);
  return 'nationalIdentityNumber' in p ? personUrn(p.nationalIdentityNumber) : organizationUrn(p.organizationNumber);
};
const id = (key: string) => {
  const p = story(key);
  return partyUuid('nationalIdentityNumber' in p ? p.nationalIdentityNumber : p.organizationNumber);
};
/** How a person appears to someone who may not act for them: by uuid URN, never by number. */
const uuidUrn = (key: string) => `urn:altinn:party:uuid:${id(key)}`;
const tokens = new Map<string, Promise<string>>();
const as = (key: string) => {
  if (!tokens.has(key)) tokens.set(key, key === 'skatteetaten' ? stack.token({ client: 'skatteetaten-system' }) : stack.personToken(key));
  return tokens.get(key)!;
};

const CLIENT_PACKAGE = 'urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet';
const DAGL = 'urn:altinn:external-role:ccr:daglig-leder';

const AUTHORIZE = contractOperation('Authorize');
const DELEGATE = contractOperation('Delegate');
const REVOKE = contractOperation('RevokeDelegation');
const REQUEST_ACCESS = contractOperation('RequestAccess');
const APPROVE = contractOperation('ApproveAccessRequest');
const REJECT = contractOperation('RejectAccessRequest');
const WITHDRAW = /* GraphQL */ `mutation($id: ID!) { withdrawAccessRequest(id: $id) { id status } }`;
const MY_ACCESS = contractOperation('MyAccess');
const ACCESS_OVERVIEW = contractOperation('AccessOverview');

const ask = (subject: string, party: string, action: string, resource = 'ske-mva-melding') => ({
  subject: urn(subject),
  party: urn(party),
  resource,
  action,
});
async function authorize(requests: ReturnType<typeof ask>[], token?: string) {
  const { body } = await stack.graphql(AUTHORIZE, { requests }, token ?? (await as('skatteetaten')));
  return body;
}
const decisionOf = async (r: ReturnType<typeof ask>) => (await authorize([r])).data!.authorize[0];

const rows = async () => {
  const db = stack.database.db;
  const [[d], [a], [l]] = await Promise.all([
    db.select({ n: count() }).from(delegations),
    db.select({ n: count() }).from(accessRequests),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { delegations: d!.n, accessRequests: a!.n, audit: l!.n };
};

const errorOf = (body: { errors?: { message: string; extensions?: { code?: string } }[] }) => ({
  code: body.errors?.[0]?.extensions?.code,
  message: body.errors?.[0]?.message,
});

describe('the decision point', () => {
  it('permits KARI to sign the VAT return for TRANA BYGG AS through her role', async () => {
    expect(await decisionOf(ask('kari', 'tranabygg', 'sign'))).toEqual({
      decision: 'PERMIT',
      reasons: [
        { source: 'ROLE', via: DAGL },
        { source: 'ACCESS_PACKAGE', via: 'urn:altinn:accesspackage:merverdiavgift' },
      ],
      obligations: { minimumAuthenticationLevel: 3 },
    });
  });

  it('gives ASTRID BERG, who has no path, no PERMIT', async () => {
    const { decision, reasons } = await decisionOf(ask('astrid', 'tranabygg', 'sign'));
    expect(['DENY', 'NOT_APPLICABLE']).toContain(decision);
    expect(reasons).toEqual([]);
  });

  it('answers many requests in order, INDETERMINATE for a party or subject not in the registers', async () => {
    const body = await authorize([
      ask('revisjon', 'tranabygg', 'read'),
      ask('revisjon', 'tranabygg', 'sign'),
      { ...ask('kari', 'tranabygg', 'read'), party: organizationUrn('999999999') },
      { ...ask('kari', 'tranabygg', 'read'), party: `urn:altinn:party:uuid:${id('tranaavd')}` },
      { ...ask('kari', 'tranabygg', 'read'), subject: 'urn:altinn:party:uuid:00000000-0000-4000-8000-000000000001' },
    ]);
    expect(body.data!.authorize.map((d: { decision: string }) => d.decision)).toEqual(['PERMIT', 'DENY', 'INDETERMINATE', 'PERMIT', 'INDETERMINATE']);
  });

  it('lets a person without the scope ask about themselves only; other callers are FORBIDDEN', async () => {
    expect((await authorize([ask('kari', 'tranabygg', 'sign')], await as('kari'))).data!.authorize[0].decision).toBe('PERMIT');
    const aboutOthers = await authorize([ask('kari', 'tranabygg', 'sign'), ask('hakon', 'tranabygg', 'sign')], await as('kari'));
    expect(errorOf(aboutOthers)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('altinn:authorization/authorize') });
    const bank = await authorize([ask('kari', 'tranabygg', 'sign')], await stack.token({ client: 'banken-system' }));
    expect(errorOf(bank).code).toBe('FORBIDDEN');
    expect(errorOf(await authorize([ask('kari', 'tranabygg', 'sign')], '')).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [
      'a malformed party URN',
      [ask('kari', 'tranabygg', 'read'), { ...ask('kari', 'tranabygg', 'read'), party: 'urn:altinn:organization:identifier-no:310000508' }],
      'requests[1].party: the control digit',
    ],
    ['a malformed subject URN', [{ ...ask('kari', 'tranabygg', 'read'), subject: 'kari' }], 'requests[0].subject: a party URN starts with'],
    ['an unknown resource', [ask('kari', 'tranabygg', 'read', 'xyz')], 'requests[0].resource: no resource xyz'],
    ['an action the resource lacks', [ask('kari', 'tranabygg', 'fly')], 'requests[0].action: ske-mva-melding has no action fly'],
  ])('refuses %s as BAD_USER_INPUT naming the request', async (_name, requests, message) => {
    const body = await authorize(requests);
    expect(errorOf(body)).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining(message) });
  });

  it('refuses more than 1,000 requests in one call', async () => {
    const body = await authorize(Array.from({ length: 1001 }, () => ask('kari', 'tranabygg', 'read')));
    expect(errorOf(body)).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining('at most 1000 requests') });
  });

  it('answers 1,000 requests with as many SQL statements as 10', async () => {
    const keys = ['kari', 'astrid', 'hakon', 'siri', 'arian'];
    const batch = (n: number) =>
      Array.from({ length: n }, (_, i) => ask(keys[i % keys.length]!, i % 3 ? 'tranabygg' : 'tranaavd', ['read', 'sign'][i % 2]!));
    const token = await as('skatteetaten');
    const statements = async (n: number) => {
      const before = stack.database.statementCount();
      const body = await authorize(batch(n), token);
      expect(body.data!.authorize).toHaveLength(n);
      return stack.database.statementCount() - before;
    };
    const ten = await statements(10);
    const thousand = await statements(1000);
    expect(thousand).toBe(ten);
    expect(ten).toBeLessThanOrEqual(15);
  });
});

describe('delegations through the router', () => {
  it('passes the client package to SIRI through her firm, counts it at once, and ends it at once on revocation', async () => {
    const siriSigns = ask('siri', 'tranabygg', 'sign');
    expect((await decisionOf(siriSigns)).decision).toBe('DENY');

    const { body } = await stack.graphql(
      DELEGATE,
      { input: { from: urn('tranabygg'), to: urn('siri'), package: CLIENT_PACKAGE } },
      await as('arian'),
    );
    expect(body.errors).toBeUndefined();
    const delegation = body.data!.delegate;
    expect(delegation).toMatchObject({
      from: { urn: urn('tranabygg') },
      to: { urn: uuidUrn('siri') },
      resource: null,
      package: { urn: CLIENT_PACKAGE },
      actions: null,
      validTo: null,
    });
    const [row] = await stack.database.db
      .select()
      .from(delegations)
      .where(sql`${delegations.id} = ${delegation.id}`);
    expect(row).toMatchObject({ facilitatorId: id('regnskap'), createdById: id('arian') });

    expect(await decisionOf(siriSigns)).toMatchObject({ decision: 'PERMIT', reasons: [{ source: 'DELEGATION', via: delegation.id }] });

    const mine = await stack.graphql(MY_ACCESS, {}, await as('siri'));
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data!.me.delegationsReceived).toEqual([
      {
        id: delegation.id,
        from: { urn: urn('tranabygg') },
        to: { urn: urn('siri') },
        resource: null,
        package: { urn: CLIENT_PACKAGE },
        actions: null,
        validTo: null,
      },
    ]);
    expect(mine.body.data!.me.authorizedParties).toEqual(
      expect.arrayContaining([
        { urn: urn('regnskap'), name: 'HALTDALEN OG SELVÆR REGNSKAP', type: 'ORGANIZATION' },
        { urn: urn('tranabygg'), name: 'TRANA BYGG AS', type: 'ORGANIZATION' },
      ]),
    );

    const revoked = await stack.graphql(REVOKE, { id: delegation.id }, await as('arian'));
    expect(revoked.body.data!.revokeDelegation).toMatchObject({ id: delegation.id, revokedAt: expect.any(String) });
    expect((await decisionOf(siriSigns)).decision).toBe('DENY');

    const again = await stack.graphql(REVOKE, { id: delegation.id }, await as('arian'));
    expect(errorOf(again.body).code).toBe('CONFLICT');
  });

  it('gives ARIAN read but not sign from KARI, until validTo passes', async () => {
    const validTo = new Date(Date.now() + 4_000).toISOString();
    const input = { from: urn('tranabygg'), to: urn('arian'), resource: 'ske-mva-melding', actions: ['read'], validTo };
    const { body } = await stack.graphql(DELEGATE, { input }, await as('kari'));
    expect(body.errors).toBeUndefined();
    expect(body.data!.delegate).toMatchObject({ resource: { id: 'ske-mva-melding' }, actions: ['read'], validTo });

    expect(await decisionOf(ask('arian', 'tranabygg', 'read'))).toMatchObject({
      decision: 'PERMIT',
      reasons: [{ source: 'DELEGATION', via: body.data!.delegate.id }],
    });
    expect((await decisionOf(ask('arian', 'tranabygg', 'sign'))).decision).toBe('DENY');

    let decision = 'PERMIT';
    for (let i = 0; i < 40 && decision === 'PERMIT'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      decision = (await decisionOf(ask('arian', 'tranabygg', 'read'))).decision;
    }
    expect(decision).toBe('DENY');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(validTo));
  });

  it('refuses ARIAN delegating for TRANA BYGG AS, which he does not administer', async () => {
    const before = await rows();
    for (const what of [{ resource: 'ske-mva-melding', actions: ['read'] }, { package: 'urn:altinn:accesspackage:merverdiavgift' }]) {
      const { body } = await stack.graphql(DELEGATE, { input: { from: urn('tranabygg'), to: urn('siri'), ...what } }, await as('arian'));
      expect(errorOf(body)).toEqual({
        code: 'FORBIDDEN',
        message: expect.stringContaining('You may not delegate for TRANA BYGG AS: you do not administer it'),
      });
    }
    const outsider = await stack.graphql(
      DELEGATE,
      { input: { from: urn('tranabygg'), to: urn('astrid'), package: CLIENT_PACKAGE } },
      await as('arian'),
    );
    expect(errorOf(outsider.body)).toEqual({ code: 'FORBIDDEN', message: expect.stringContaining('recipient among its own people') });
    expect(await rows()).toEqual(before);
  });

  it('refuses an organisation token delegating, and a stranger revoking', async () => {
    const org = await stack.graphql(
      DELEGATE,
      { input: { from: urn('tranabygg'), to: urn('arian'), package: 'urn:altinn:accesspackage:merverdiavgift' } },
      await as('skatteetaten'),
    );
    expect(errorOf(org.body).code).toBe('FORBIDDEN');

    const { body } = await stack.graphql(
      DELEGATE,
      { input: { from: urn('tranabygg'), to: urn('hakon'), resource: 'ske-mva-melding', actions: ['write'] } },
      await as('kari'),
    );
    const delegationId = body.data!.delegate.id;
    expect(errorOf((await stack.graphql(REVOKE, { id: delegationId }, await as('astrid'))).body).code).toBe('NOT_FOUND');
    expect(errorOf((await stack.graphql(REVOKE, { id: '00000000-0000-4000-8000-000000000000' }, await as('kari'))).body).code).toBe('NOT_FOUND');
    expect(errorOf((await stack.graphql(REVOKE, { id: 'nope' }, await as('kari'))).body).code).toBe('NOT_FOUND');
    // HÅKON received it: he may give it up.
    expect((await stack.graphql(REVOKE, { id: delegationId }, await as('hakon'))).body.data!.revokeDelegation.revokedAt).toEqual(expect.any(String));
  });

  it.each([
    [
      'the main-administrator package',
      { package: 'urn:altinn:accesspackage:hovedadministrator' },
      'input.package: urn:altinn:accesspackage:hovedadministrator is not delegable',
    ],
    ['an unknown resource', { resource: 'xyz', actions: ['read'] }, 'input.resource: no resource xyz'],
    [
      'an action the resource lacks',
      { resource: 'ske-mva-melding', actions: ['read', 'fly'] },
      'input.actions[1]: ske-mva-melding has no action fly',
    ],
    [
      'a malformed URN',
      { to: 'urn:altinn:person:identifier-no:1785721004', package: 'urn:altinn:accesspackage:merverdiavgift' },
      'input.to: a national identity number has exactly 11 digits',
    ],
    ['a party not in the registers', { to: organizationUrn('999999999'), package: 'urn:altinn:accesspackage:merverdiavgift' }, 'input.to: no party'],
    [
      'a validTo in the past',
      { resource: 'ske-mva-melding', actions: ['read'], validTo: '2020-01-01T00:00:00Z' },
      'input.validTo: must be in the future',
    ],
    [
      'both a resource and a package',
      { resource: 'ske-mva-melding', actions: ['read'], package: 'urn:altinn:accesspackage:merverdiavgift' },
      'input.package: give a resource or a package, not both',
    ],
    [
      'actions with a package',
      { package: 'urn:altinn:accesspackage:merverdiavgift', actions: ['read'] },
      'input.actions: not allowed with a package',
    ],
  ])('refuses %s as BAD_USER_INPUT naming the field, writing nothing', async (_name, what, message) => {
    const before = await rows();
    const input = { from: urn('tranabygg'), to: urn('arian'), ...what };
    const { body } = await stack.graphql(DELEGATE, { input }, await as('kari'));
    expect(body.data).toBeNull();
    expect(errorOf(body)).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining(message) });
    expect(await rows()).toEqual(before);
  });
});

describe('access requests', () => {
  const request = async (what: Record<string, unknown>) => {
    const { body } = await stack.graphql(REQUEST_ACCESS, { input: { from: urn('tranabygg'), ...what } }, await as('arian'));
    expect(body.errors).toBeUndefined();
    return body.data!.requestAccess as { id: string; status: string };
  };

  it('turns an approved request into a delegation, in one step, and a PERMIT', async () => {
    const pending = await request({ resource: 'ske-mva-melding', actions: ['write'], message: 'Jeg fører mva for dere.' });
    expect(pending.status).toBe('PENDING');
    expect((await decisionOf(ask('arian', 'tranabygg', 'write'))).decision).toBe('DENY');

    const selfApproval = await stack.graphql(APPROVE, { id: pending.id }, await as('arian'));
    expect(errorOf(selfApproval.body).code).toBe('FORBIDDEN');

    const { body } = await stack.graphql(APPROVE, { id: pending.id }, await as('kari'));
    expect(body.errors).toBeUndefined();
    const approved = body.data!.approveAccessRequest;
    expect(approved).toMatchObject({ id: pending.id, status: 'APPROVED', delegation: { id: expect.any(String) } });
    expect(await decisionOf(ask('arian', 'tranabygg', 'write'))).toMatchObject({
      decision: 'PERMIT',
      reasons: [{ source: 'DELEGATION', via: approved.delegation.id }],
    });
    expect(errorOf((await stack.graphql(APPROVE, { id: pending.id }, await as('kari'))).body).code).toBe('CONFLICT');
  });

  it('creates no delegation for a rejected request, and answers it only once', async () => {
    const pending = await request({ package: 'urn:altinn:accesspackage:skattegrunnlag' });
    const before = await rows();
    const { body } = await stack.graphql(REJECT, { id: pending.id }, await as('hakon'));
    expect(body.data!.rejectAccessRequest).toEqual({ id: pending.id, status: 'REJECTED' });
    const after = await rows();
    expect(after.delegations).toBe(before.delegations);
    expect(after.audit).toBe(before.audit + 1);
    expect(errorOf((await stack.graphql(REJECT, { id: pending.id }, await as('hakon'))).body).code).toBe('CONFLICT');
    expect(errorOf((await stack.graphql(APPROVE, { id: pending.id }, await as('kari'))).body).code).toBe('CONFLICT');
  });

  it('lets only the requester withdraw, and hides requests from strangers', async () => {
    const pending = await request({ resource: 'ske-mva-melding', actions: ['sign'] });
    expect(errorOf((await stack.graphql(WITHDRAW, { id: pending.id }, await as('kari'))).body).code).toBe('FORBIDDEN');
    expect(errorOf((await stack.graphql(APPROVE, { id: pending.id }, await as('astrid'))).body).code).toBe('NOT_FOUND');
    expect((await stack.graphql(WITHDRAW, { id: pending.id }, await as('arian'))).body.data!.withdrawAccessRequest.status).toBe('WITHDRAWN');

    const sent = await stack.graphql(`{ me { accessRequestsSent { status resource { id } package { urn } } } }`, {}, await as('arian'));
    expect(sent.body.data!.me.accessRequestsSent.map((r: { status: string }) => r.status)).toEqual(['WITHDRAWN', 'REJECTED', 'APPROVED']);
    const received = `query($urn: String!) { party(urn: $urn) { accessRequestsReceived(status: PENDING) { id } } }`;
    expect((await stack.graphql(received, { urn: urn('tranabygg') }, await as('kari'))).body.data!.party.accessRequestsReceived).toEqual([]);
    expect(errorOf((await stack.graphql(received, { urn: urn('tranabygg') }, await as('astrid'))).body).code).toBe('FORBIDDEN');
  });

  it('validates a request like a delegation, writing nothing', async () => {
    const before = await rows();
    const { body } = await stack.graphql(
      REQUEST_ACCESS,
      { input: { from: urn('tranabygg'), resource: 'ske-mva-melding', actions: ['fly'] } },
      await as('arian'),
    );
    expect(errorOf(body)).toEqual({ code: 'BAD_USER_INPUT', message: 'input.actions[0]: ske-mva-melding has no action fly' });
    expect(await rows()).toEqual(before);
  });
});

describe('overviews and the audit log', () => {
  it('lists every story holder of TRANA BYGG AS with its path, and the same rows as CSV', async () => {
    const { body } = await stack.graphql(ACCESS_OVERVIEW, { urn: urn('tranabygg') }, await as('kari'));
    expect(body.errors).toBeUndefined();
    const { rows: list, csv } = body.data!.party.accessOverview;
    const paths = list.map((r: any) => `${r.holder.name} ${r.source} ${r.via}`);
    const pkg = (name: string) => `urn:altinn:accesspackage:${name}`;
    for (const [holder, role, packages] of [
      ['KARI NORDMANN', DAGL, ['hovedadministrator', 'merverdiavgift', 'skattegrunnlag']],
      ['HÅKON TRANA', 'urn:altinn:external-role:ccr:styreleder', ['hovedadministrator', 'merverdiavgift', 'skattegrunnlag']],
      ['HALTDALEN OG SELVÆR REGNSKAP', 'urn:altinn:external-role:ccr:regnskapsforer', ['regnskapsforer-med-signeringsrettighet']],
      ['BIRTAVARRE OG BEGNADALEN REVISJON', 'urn:altinn:external-role:ccr:revisor', ['ansvarlig-revisor']],
    ] as const) {
      expect(paths).toContain(`${holder} ROLE ${role}`);
      for (const p of packages) expect(paths).toContain(`${holder} ACCESS_PACKAGE ${pkg(p)}`);
    }
    // The approved access request's delegation counts; revoked and expired ones do not.
    const delegated = list.filter((r: any) => r.source === 'DELEGATION');
    expect(delegated).toEqual([
      {
        holder: { urn: uuidUrn('arian'), name: 'ARIAN ROLANDSEN' },
        party: { urn: urn('tranabygg') },
        via: expect.any(String),
        source: 'DELEGATION',
        resource: { id: 'ske-mva-melding' },
        package: null,
        actions: ['write'],
      },
    ]);

    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('holder_urn,holder_name,party_urn,source,via,resource,package,actions');
    expect(lines.slice(1)).toEqual(
      list.map((r: any) =>
        [r.holder.urn, r.holder.name, r.party.urn, r.source, r.via, r.resource?.id ?? '', r.package?.urn ?? '', (r.actions ?? []).join(' ')].join(
          ',',
        ),
      ),
    );
  });

  it('shows the overview and the audit log to administrators only', async () => {
    for (const field of ['accessOverview { csv }', 'auditLog { id }']) {
      const { body } = await stack.graphql(`query($urn: String!) { party(urn: $urn) { ${field} } }`, { urn: urn('tranabygg') }, await as('arian'));
      expect(errorOf(body).code).toBe('FORBIDDEN');
    }
  });

  it('records each change with the row before and after', async () => {
    const query = `query($urn: String!) { party(urn: $urn) { auditLog { action entityType entityId actor { urn } party { urn } before after } } }`;
    const { body } = await stack.graphql(query, { urn: urn('tranabygg') }, await as('kari'));
    expect(body.errors).toBeUndefined();
    const log = body.data!.party.auditLog as { action: string; entityId: string; actor: { urn: string }; before: any; after: any }[];
    expect(log.map((e) => e.action)).toEqual([
      'DELEGATION_CREATED', // ARIAN → SIRI, client package
      'DELEGATION_REVOKED',
      'DELEGATION_CREATED', // KARI → ARIAN, read until validTo
      'DELEGATION_CREATED', // KARI → HÅKON
      'DELEGATION_REVOKED', // HÅKON gives it up
      'ACCESS_REQUEST_CREATED',
      'DELEGATION_CREATED',
      'ACCESS_REQUEST_APPROVED',
      'ACCESS_REQUEST_CREATED',
      'ACCESS_REQUEST_REJECTED',
      'ACCESS_REQUEST_CREATED',
      'ACCESS_REQUEST_WITHDRAWN',
    ]);
    const [created, revoked] = log;
    expect(created).toMatchObject({
      actor: { urn: uuidUrn('arian') },
      before: null,
      after: { packageUrn: CLIENT_PACKAGE, facilitatorId: id('regnskap'), revokedAt: null },
    });
    expect(revoked).toMatchObject({
      entityId: created!.entityId,
      before: { revokedAt: null },
      after: { revokedAt: expect.any(String), revokedById: id('arian') },
    });
    const approved = log.find((e) => e.action === 'ACCESS_REQUEST_APPROVED')!;
    expect(approved).toMatchObject({
      actor: { urn: urn('kari') },
      before: { status: 'PENDING', delegationId: null },
      after: { status: 'APPROVED', delegationId: expect.any(String) },
    });
  });

  it('keeps the audit log append-only', async () => {
    await expect(stack.database.db.execute(sql`UPDATE delegations.audit_log SET action = 'FORGED'`)).rejects.toThrow();
    await expect(stack.database.db.execute(sql`DELETE FROM delegations.audit_log`)).rejects.toThrow();
    expect((await rows()).audit).toBeGreaterThan(0);
  });

  it('shows a person the parties they may act for, with the paths, on me only', async () => {
    const query = `{ me { authorizedPartiesWithReasons { party { urn } reasons { source via } viaMainUnit { urn } } } }`;
    const { body } = await stack.graphql(query, {}, await as('kari'));
    expect(body.data!.me.authorizedPartiesWithReasons).toEqual(
      expect.arrayContaining([
        { party: { urn: urn('tranabygg') }, reasons: [{ source: 'ROLE', via: DAGL }], viaMainUnit: null },
        { party: { urn: urn('tranaavd') }, reasons: [{ source: 'ROLE', via: DAGL }], viaMainUnit: { urn: urn('tranabygg') } },
      ]),
    );
    const other = await stack.graphql(
      `query($urn: String!) { party(urn: $urn) { authorizedParties { urn } } }`,
      { urn: urn('hakon') },
      await as('kari'),
    );
    expect(errorOf(other.body).code).toBe('FORBIDDEN');
  });
});

describe('ids in any letter case', () => {
  it('finds an access request and a delegation given their ids in upper case', async () => {
    const { body } = await stack.graphql(
      REQUEST_ACCESS,
      { input: { from: urn('tranabygg'), resource: 'ske-mva-melding', actions: ['read'] } },
      await as('arian'),
    );
    const pending = body.data!.requestAccess as { id: string };
    const approved = await stack.graphql(APPROVE, { id: pending.id.toUpperCase() }, await as('kari'));
    expect(approved.body.errors).toBeUndefined();
    expect(approved.body.data!.approveAccessRequest).toMatchObject({ id: pending.id, status: 'APPROVED' });

    const delegationId = approved.body.data!.approveAccessRequest.delegation.id as string;
    const revoked = await stack.graphql(REVOKE, { id: delegationId.toUpperCase() }, await as('kari'));
    expect(revoked.body.errors).toBeUndefined();
    expect(revoked.body.data!.revokeDelegation).toMatchObject({ id: delegationId, revokedAt: expect.any(String) });
  });
});
