import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRequests, auditLog, delegations } from '@hub/db/delegations';
import { consentEvents, consentRequests, consentRights } from '@hub/db/consents';
import { evidenceRetrievals } from '@hub/db/evidence';
import { activeDelegations } from '@hub/authz';
import { errorOf, storyTokens, URN } from './support/consents';
import { startTestStack, type TestStack } from './support/stack';
import { loadStoryIds, partyUuid } from './support/story-ids';

let stack: TestStack;
let t: Awaited<ReturnType<typeof storyTokens>>;
let astrid: string;

const ROWS = 24;
const HAKON = '12888510018';
const ASTRID = '28834411409';
const ARIAN = '03849010726';
const KARI = '17857210042';
const BANKEN = '310000108';
const TRANABYGG = '310000507';
const SIRI = '25890150058';
const REGNSKAP = '310000418';
const REVISJON = '310000302';

/**
 * Row i's timestamp: pairs of rows share an instant, and every third row lies one microsecond after its neighbour,
 * so a cursor that kept only milliseconds, or no tie-breaker, would repeat or skip rows at a page boundary.
 */
const at = (i: number, base = '2025-03-01T10:00:00') => {
  const ms = Math.floor(i / 3);
  const micro = i % 3 === 2 ? 1 : 0;
  return sql`${`${base}.${String(ms * 1000 + micro).padStart(6, '0')}+00`}::timestamptz`;
};

beforeAll(async () => {
  stack = await startTestStack();
  await loadStoryIds(stack);
  [t, astrid] = await Promise.all([storyTokens(stack), stack.personToken('astrid')]);
  const id = partyUuid;
  const db = stack.database.db;

  // Consents: HÅKON's (some since expired) and ASTRID's, half of hers about NAV data her guardian ARIAN may not see.
  const consents = [
    ...Array.from({ length: ROWS }, (_, i) => ({ from: HAKON, i, resource: 'ske-inntekt-skattegrunnlag', expired: i % 5 === 0 })),
    ...Array.from({ length: 2 * ROWS }, (_, i) => ({
      from: ASTRID,
      i,
      resource: i % 2 ? 'nav-aap-uforetrygd' : 'ske-inntekt-skattegrunnlag',
      expired: false,
    })),
  ].map((c) => ({ ...c, id: randomUUID() }));
  await db.insert(consentRequests).values(
    consents.map((c) => ({
      id: c.id,
      fromId: id(c.from),
      toId: id(BANKEN),
      validTo: c.expired ? at(c.i, '2025-06-01T10:00:00') : sql`now() + interval '30 days'`,
      redirectUrl: 'https://banken.example/samtykke/retur',
      templateId: 'sblanesoknad',
      oneTime: false,
      status: 'ACCEPTED' as const,
      inputHash: c.id,
      createdAt: at(c.i, '2025-02-01T10:00:00'),
      answeredAt: at(c.i),
      answeredById: id(c.from),
    })),
  );
  await db.insert(consentRights).values(
    consents.map((c) => ({
      consentId: c.id,
      position: 0,
      resourceId: c.resource,
      metadata: (c.resource === 'ske-inntekt-skattegrunnlag' ? { inntektsaar: '2024' } : {}) as Record<string, string>,
    })),
  );
  await db.insert(consentEvents).values(
    consents.flatMap((c) => [
      { consentId: c.id, type: 'CREATED' as const, at: at(c.i, '2025-02-01T10:00:00'), performedById: id(BANKEN) },
      { consentId: c.id, type: 'ACCEPTED' as const, at: at(c.i), performedById: id(c.from) },
    ]),
  );

  // Delegations from TRANA BYGG AS (KARI is its general manager) to ARIAN; revoked and expired ones do not count.
  await db.insert(delegations).values(
    Array.from({ length: ROWS + 4 }, (_, i) => ({
      fromId: id(TRANABYGG),
      toId: id(ARIAN),
      resourceId: 'ske-mva-melding',
      actions: ['read'],
      createdById: id(KARI),
      createdAt: at(i),
      ...(i === 3 || i === 10 ? { revokedAt: at(i, '2025-03-02T10:00:00'), revokedById: id(KARI) } : {}),
      ...(i === 5 || i === 17 ? { validTo: at(i, '2025-03-02T10:00:00') } : {}),
    })),
  );
  // Client delegations to SIRI: one backed by the accounting firm's REGN role for TRANA BYGG AS, one that names the
  // auditing firm for the accountant's package, which its REVI role does not grant.
  await db.insert(delegations).values(
    [REGNSKAP, REVISJON].map((firm, i) => ({
      fromId: id(TRANABYGG),
      toId: id(SIRI),
      packageUrn: 'urn:altinn:accesspackage:regnskapsforer-med-signeringsrettighet',
      facilitatorId: id(firm),
      createdById: id(ARIAN),
      createdAt: at(i, '2025-03-01T11:00:00'),
    })),
  );
  // Access requests from ARIAN to TRANA BYGG AS, every other one still pending.
  await db.insert(accessRequests).values(
    Array.from({ length: ROWS }, (_, i) => ({
      fromId: id(TRANABYGG),
      requesterId: id(ARIAN),
      resourceId: 'ske-mva-melding',
      actions: ['read'],
      status: i % 2 ? ('REJECTED' as const) : ('PENDING' as const),
      createdAt: at(i),
    })),
  );
  await db.insert(auditLog).values(
    Array.from({ length: ROWS }, (_, i) => ({
      at: at(i),
      actorId: id(KARI),
      action: 'delegate',
      entityType: 'delegation',
      entityId: randomUUID(),
      partyId: id(TRANABYGG),
      after: { n: i },
    })),
  );
  await db.insert(evidenceRetrievals).values(
    Array.from({ length: ROWS }, (_, i) => ({
      requestorId: id(BANKEN),
      subjectId: id(HAKON),
      code: 'SummertSkattegrunnlag',
      status: 'AVAILABLE',
      reason: `row ${i}`,
      at: at(i),
    })),
  );
});
afterAll(() => stack?.close());

interface List {
  /** The list field on Party. */
  field: string;
  /** Selection of one node, and how to name it (unique within the list). */
  node: string;
  key: (n: any) => string;
  /** The party and viewer. */
  urn: () => string;
  token: () => string;
  /** Extra arguments, e.g. `status: PENDING`. */
  args?: string;
  /** The timestamp of a node and the direction, to check the order. */
  time: (n: any) => string;
  direction: 'asc' | 'desc';
  /** How many rows the list holds at least, and a predicate each row meets. */
  atLeast: number;
  check?: (n: any) => boolean;
}

async function page(list: List, first: number, after: string | null) {
  const args = [`first: $first`, `after: $after`, ...(list.args ? [list.args] : [])].join(', ');
  const query = `query($urn: String!, $first: Int!, $after: String) {
    party(urn: $urn) { ${list.field}Page(${args}) { nodes { ${list.node} } pageInfo { endCursor hasNextPage } } } }`;
  const { body } = await stack.graphql(query, { urn: list.urn(), first, after }, list.token());
  expect(body.errors).toBeUndefined();
  return body.data.party[`${list.field}Page`] as { nodes: any[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

/** Every node of a list, a page of `first` at a time. */
async function walk(list: List, first: number) {
  const nodes: any[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages++) {
    expect(pages).toBeLessThan(100);
    const p = await page(list, first, after);
    expect(p.nodes.length).toBeLessThanOrEqual(first);
    nodes.push(...p.nodes);
    if (!p.pageInfo.hasNextPage) break;
    expect(p.nodes.length).toBe(first);
    after = p.pageInfo.endCursor;
  }
  return nodes;
}

const lists: List[] = [
  {
    field: 'consentsGiven',
    node: 'id answeredAt rights { resource { id } }',
    key: (n) => n.id,
    urn: () => URN.hakon,
    token: () => t.hakon,
    time: (n) => n.answeredAt,
    direction: 'desc',
    atLeast: ROWS,
  },
  {
    field: 'consentLog',
    node: 'type at consent { id }',
    key: (n) => `${n.consent.id} ${n.type} ${n.at}`,
    urn: () => URN.hakon,
    token: () => t.hakon,
    time: (n) => n.at,
    direction: 'desc',
    // CREATED and ACCEPTED for each, and EXPIRED for every fifth.
    atLeast: 2 * ROWS + ROWS / 5,
  },
  {
    field: 'consentsReceived',
    node: 'id createdAt',
    key: (n) => n.id,
    urn: () => URN.banken,
    token: () => t.banken,
    time: (n) => n.createdAt,
    direction: 'desc',
    atLeast: 3 * ROWS,
  },
  {
    field: 'consentsGiven',
    node: 'id answeredAt rights { resource { id } }',
    key: (n) => n.id,
    urn: () => URN.astrid,
    token: () => t.arian,
    time: (n) => n.answeredAt,
    direction: 'desc',
    atLeast: ROWS,
    // ARIAN is ASTRID's guardian for banking: he sees her consents about income, none about NAV data.
    check: (n) => n.rights.every((r: { resource: { id: string } }) => r.resource.id === 'ske-inntekt-skattegrunnlag'),
  },
  {
    field: 'consentLog',
    node: 'type at consent { id rights { resource { id } } }',
    key: (n) => `${n.consent.id} ${n.type} ${n.at}`,
    urn: () => URN.astrid,
    token: () => t.arian,
    time: (n) => n.at,
    direction: 'desc',
    atLeast: 2 * ROWS,
    check: (n) => n.consent.rights.every((r: { resource: { id: string } }) => r.resource.id === 'ske-inntekt-skattegrunnlag'),
  },
  {
    field: 'delegationsReceived',
    node: 'id createdAt',
    key: (n) => n.id,
    urn: () => URN.arian,
    token: () => t.arian,
    time: (n) => n.createdAt,
    direction: 'asc',
    atLeast: ROWS,
  },
  {
    field: 'delegationsGiven',
    node: 'id createdAt',
    key: (n) => n.id,
    urn: () => URN.tranabygg,
    token: () => t.kari,
    time: (n) => n.createdAt,
    direction: 'asc',
    atLeast: ROWS,
  },
  {
    field: 'accessRequestsSent',
    node: 'id createdAt',
    key: (n) => n.id,
    urn: () => URN.arian,
    token: () => t.arian,
    time: (n) => n.createdAt,
    direction: 'desc',
    atLeast: ROWS,
  },
  {
    field: 'accessRequestsReceived',
    node: 'id createdAt status',
    key: (n) => n.id,
    urn: () => URN.tranabygg,
    token: () => t.kari,
    args: 'status: PENDING',
    time: (n) => n.createdAt,
    direction: 'desc',
    atLeast: ROWS / 2,
    check: (n) => n.status === 'PENDING',
  },
  {
    field: 'auditLog',
    node: 'entityId at',
    key: (n) => n.entityId,
    urn: () => URN.tranabygg,
    token: () => t.kari,
    time: (n) => n.at,
    direction: 'asc',
    atLeast: ROWS,
  },
  {
    field: 'evidenceRetrievals',
    node: 'code status reason at requestor { urn }',
    key: (n) => n.reason,
    urn: () => URN.hakon,
    token: () => t.hakon,
    time: (n) => n.at,
    direction: 'desc',
    atLeast: ROWS,
  },
];

describe('every list pages in a stable order', () => {
  it.each(lists.map((l) => [`${l.field}${l.args ? `(${l.args})` : ''} of ${l.urn().split(':').pop()}`, l] as const))(
    'walks %s in pages of 7 and of 500 to the same rows, without gaps or repeats',
    async (_name, list) => {
      const [bySeven, byAll] = [await walk(list, 7), await walk(list, 500)];
      expect(byAll.length).toBeGreaterThanOrEqual(list.atLeast);
      expect(bySeven.map(list.key)).toEqual(byAll.map(list.key));
      expect(new Set(byAll.map(list.key)).size).toBe(byAll.length);
      const times = byAll.map((n) => Date.parse(list.time(n)));
      const sorted = [...times].sort((a, b) => (list.direction === 'asc' ? a - b : b - a));
      expect(times).toEqual(sorted);
      if (list.check) expect(byAll.every(list.check)).toBe(true);
    },
  );

  it('gives the plain list the same rows as its page, 100 by default', async () => {
    const query = `query($urn: String!, $after: String) { party(urn: $urn) {
      first: consentLog(first: 7) { type at consent { id } }
      next: consentLog(first: 7, after: $after) { type at consent { id } }
      all: consentLog { type } } }`;
    const firstPage = await page(lists[1]!, 7, null);
    const secondPage = await page(lists[1]!, 7, firstPage.pageInfo.endCursor);
    const { body } = await stack.graphql(query, { urn: URN.hakon, after: firstPage.pageInfo.endCursor }, t.hakon);
    expect(body.errors).toBeUndefined();
    expect(body.data.party.first).toEqual(firstPage.nodes);
    expect(body.data.party.next).toEqual(secondPage.nodes);
    expect(body.data.party.all.length).toBe(Math.min(100, (await walk(lists[1]!, 500)).length));
  });

  it('counts exactly the rows the viewer may see: ASTRID sees all her consents, her guardian half', async () => {
    const own = await walk({ ...lists[3]!, token: () => astrid, check: undefined }, 7);
    const guardian = await walk(lists[3]!, 7);
    expect(own.length).toBe(2 * ROWS);
    expect(guardian.length).toBe(ROWS);
  });

  it('skips revoked and expired delegations without leaving a short page in the middle', async () => {
    const received = await walk(lists[5]!, 7);
    expect(received.length).toBe(ROWS);
  });

  it('lists exactly the delegations the decision point counts as active, client delegations included', async () => {
    const db = stack.database.db;
    const active = await activeDelegations(db, eq(delegations.fromId, partyUuid(TRANABYGG)), new Date());
    const given = await walk(lists[6]!, 7);
    expect(given.map((d) => d.id).sort()).toEqual(active.map((d) => d.id).sort());
    // ROWS to ARIAN less four revoked or expired, plus the one backed client delegation.
    expect(given.length).toBe(ROWS + 4 - 4 + 1);
  });
});

describe('page arguments', () => {
  const query = (args: string) => `query($urn: String!) { party(urn: $urn) { consentsGiven(${args}) { id } } }`;

  it('refuses a page over 500 rows, naming `first`', async () => {
    for (const first of [501, 0, -1]) {
      const { body } = await stack.graphql(query(`first: ${first}`), { urn: URN.hakon }, t.hakon);
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });

  it('refuses a malformed cursor, or one of another list, naming `after`', async () => {
    const other = (await page(lists[1]!, 7, null)).pageInfo.endCursor!;
    for (const after of ['nonsense', Buffer.from('["consentsGiven","x"]').toString('base64url'), other]) {
      const { body } = await stack.graphql(query(`first: 7, after: ${JSON.stringify(after)}`), { urn: URN.hakon }, t.hakon);
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('answers a page after the last row with no rows and the same cursor', async () => {
    const all = await page(lists[0]!, 500, null);
    const after = all.pageInfo.endCursor;
    expect(await page(lists[0]!, 7, after)).toEqual({ nodes: [], pageInfo: { endCursor: after, hasNextPage: false } });
  });
});
