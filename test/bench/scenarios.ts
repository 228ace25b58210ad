import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode } from 'graphql';
import { IDENTITY_KIND_CLAIM } from '@hub/kit';
import { CONTRACT_OPERATIONS_PATH } from '@hub/schema/paths';

/** What a scenario may use to build its request once the stack is up. */
export interface BenchContext {
  /** The router's GraphQL endpoint. */
  routerUrl: string;
  /** Subgraph name → its GraphQL endpoint. */
  subgraphUrls: Record<string, string>;
  /** The router → subgraph signing secret, for scenarios that call a subgraph directly. */
  signingSecret: string;
  /** A dev token from the router's `POST /dev/token` (cached per claims). */
  devToken(claims: Record<string, string>): Promise<string>;
}

/** One request, fired over and over by autocannon. */
export interface Target {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Sign every request's body with this secret (`x-hub-signature`), as the router does for subgraph calls. */
  signWith?: string;
  /** Checks one response (status and parsed body): null when right, else what is wrong. */
  check(status: number, body: GraphQLResponse): string | null;
}

export interface GraphQLResponse {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface Scenario {
  name: string;
  /** One line on what is measured, printed above the table. */
  description: string;
  /** Name of another scenario: the report prints this one's throughput and p50 latency relative to it. */
  compareTo?: string;
  /** Work done per request when it is more than one thing (e.g. 100 decisions): the report adds units/s. */
  unitsPerRequest?: number;
  prepare(ctx: BenchContext): Promise<Target>;
}

// ---------------------------------------------------------------------------------------------- fixtures

/** Kari Nordmann, a story person: the viewer of the person scenarios. */
export const KARI_PID = '17857210042';
const TRANA_BYGG = { urn: 'urn:altinn:organization:identifier-no:310000507', name: 'TRANA BYGG AS' };

let contract: DocumentNode | undefined;

/** An operation of the public contract by name, with the fragments it uses, as a query string. */
export function contractOperation(name: string): string {
  contract ??= parse(readFileSync(CONTRACT_OPERATIONS_PATH, 'utf8'));
  const fragments = new Map<string, DefinitionNode>();
  for (const d of contract.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operation = contract.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!operation) throw new Error(`no operation ${name} in ${CONTRACT_OPERATIONS_PATH}`);
  const wanted = [operation];
  const seen = new Set<string>();
  for (let i = 0; i < wanted.length; i++) {
    visit(wanted[i]!, {
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (fragment && !seen.has(node.name.value)) {
          seen.add(node.name.value);
          wanted.push(fragment);
        }
      },
    });
  }
  return print({ kind: Kind.DOCUMENT, definitions: wanted });
}

/** A check: 200, no `errors`, and `pick(data)` equal (by JSON) to `expected`. */
function expectData(pick: (data: Record<string, any>) => unknown, expected: unknown) {
  return (status: number, body: GraphQLResponse): string | null => {
    if (status !== 200) return `HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`;
    if (body.errors?.length) return `GraphQL errors: ${JSON.stringify(body.errors).slice(0, 300)}`;
    if (!body.data) return 'no data';
    const got = pick(body.data);
    return JSON.stringify(got) === JSON.stringify(expected)
      ? null
      : `expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)?.slice(0, 300)}`;
  };
}

const json = { 'content-type': 'application/json' };

// --------------------------------------------------------------------------------------------- scenarios

const partyByUrn = {
  operationName: 'PartyByUrn',
  variables: { urn: TRANA_BYGG.urn },
  check: expectData((d) => d.party && { urn: d.party.urn, name: d.party.name }, TRANA_BYGG),
};

const AUTHORIZE_SCOPE_CLIENT = { client: 'skatteetaten-system' };
const MVA = 'ske-mva-melding';
const personUrn = (pid: string) => `urn:altinn:person:identifier-no:${pid}`;
const orgUrn = (orgNo: string) => `urn:altinn:organization:identifier-no:${orgNo}`;

/** Story questions with known answers: who may act for TRANA BYGG AS (or its subunit) on the VAT return. */
const AUTHORIZE_CASES = [
  { subject: personUrn(KARI_PID), party: orgUrn('310000507'), action: 'sign', decision: 'PERMIT' },
  { subject: personUrn('28834411409'), party: orgUrn('310000507'), action: 'sign', decision: 'DENY' },
  { subject: personUrn('12888510018'), party: orgUrn('310000604'), action: 'read', decision: 'PERMIT' },
  { subject: orgUrn('310000302'), party: orgUrn('310000507'), action: 'sign', decision: 'DENY' },
  { subject: orgUrn('310000418'), party: orgUrn('310000507'), action: 'write', decision: 'PERMIT' },
] as const;

function authorizeTarget(routerUrl: string, token: string, n: number): Target {
  const cases = Array.from({ length: n }, (_, i) => AUTHORIZE_CASES[i % AUTHORIZE_CASES.length]!);
  const expected = cases.map((c) => c.decision);
  return {
    url: routerUrl,
    headers: { ...json, authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: contractOperation('Authorize'),
      operationName: 'Authorize',
      variables: { requests: cases.map(({ subject, party, action }) => ({ subject, party, resource: MVA, action })) },
    }),
    check: expectData((d) => d.authorize?.map((a: { decision: string }) => a.decision), expected),
  };
}

const CONSENT_REDIRECT = 'https://banken.example/samtykke/retur';

/** A consent from HÅKON TRANA to BANKEN AS, accepted, for the consent-token scenarios. */
async function acceptedConsent(ctx: BenchContext): Promise<{ id: string; bankToken: string }> {
  const bankToken = await ctx.devToken({ client: 'banken-system' });
  const hakonToken = await ctx.devToken({ pid: '12888510018' });
  const call = async (token: string, query: string, variables: Record<string, unknown>) => {
    const res = await fetch(ctx.routerUrl, { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as GraphQLResponse;
    if (body.errors?.length) throw new Error(`setting up a consent failed: ${JSON.stringify(body.errors)}`);
    return body.data!;
  };
  const created = await call(bankToken, 'mutation($i: CreateConsentRequestInput!) { createConsentRequest(input: $i) { id } }', {
    i: {
      from: personUrn('12888510018'),
      validTo: new Date(Date.now() + 86_400_000).toISOString(),
      rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: '2024' } }],
      redirectUrl: CONSENT_REDIRECT,
    },
  });
  const id = created.createConsentRequest.id as string;
  await call(hakonToken, 'mutation($id: ID!) { acceptConsentRequest(id: $id) { status } }', { id });
  return { id, bankToken };
}

/**
 * The benchmark's scenarios, run in this order. To add one: build its request in `prepare` (tokens through
 * `ctx.devToken`, signed subgraph calls with `signWith: ctx.signingSecret`) and give a `check` of the expected data;
 * set `compareTo` to get its ratios against another scenario.
 */
export const SCENARIOS: Scenario[] = [
  {
    name: 'PartyByUrn via router',
    description: 'POST /graphql on the router, dev person token (Kari), TRANA BYGG AS',
    compareTo: 'PartyByUrn on parties subgraph',
    async prepare(ctx) {
      const token = await ctx.devToken({ pid: KARI_PID });
      return {
        url: ctx.routerUrl,
        headers: { ...json, authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: contractOperation(partyByUrn.operationName),
          operationName: partyByUrn.operationName,
          variables: partyByUrn.variables,
        }),
        check: partyByUrn.check,
      };
    },
  },
  {
    name: 'PartyByUrn on parties subgraph',
    description: 'the same operation straight to the parties subgraph, signed per request, viewer in extensions.jwt',
    async prepare(ctx) {
      const url = ctx.subgraphUrls.parties;
      if (!url) throw new Error('the stack has no parties subgraph');
      return {
        url,
        headers: json,
        body: JSON.stringify({
          query: contractOperation(partyByUrn.operationName),
          operationName: partyByUrn.operationName,
          variables: partyByUrn.variables,
          extensions: { jwt: { payload: { pid: KARI_PID, [IDENTITY_KIND_CLAIM]: 'person' } } },
        }),
        signWith: ctx.signingSecret,
        check: partyByUrn.check,
      };
    },
  },
  {
    name: 'Authorize, 1 request',
    description: 'the decision point through the router, service-owner token (skatteetaten-system), one request',
    async prepare(ctx) {
      return authorizeTarget(ctx.routerUrl, await ctx.devToken(AUTHORIZE_SCOPE_CLIENT), 1);
    },
  },
  {
    name: 'Authorize, batch of 100',
    description: 'the same, 100 requests in one call (mixed story subjects, parties and actions, answers checked)',
    unitsPerRequest: 100,
    async prepare(ctx) {
      return authorizeTarget(ctx.routerUrl, await ctx.devToken(AUTHORIZE_SCOPE_CLIENT), 100);
    },
  },
  {
    name: 'IssueConsentToken by consent id',
    description: 'BANKEN AS gets a signed consent token (ES256) for an accepted consent, through the router',
    async prepare(ctx) {
      const { id, bankToken } = await acceptedConsent(ctx);
      return {
        url: ctx.routerUrl,
        headers: { ...json, authorization: `Bearer ${bankToken}` },
        body: JSON.stringify({ query: contractOperation('IssueConsentToken'), operationName: 'IssueConsentToken', variables: { input: { consentId: id } } }),
        check: expectData((d) => d.issueConsentToken?.tokenType, 'Bearer'),
      };
    },
  },
];
