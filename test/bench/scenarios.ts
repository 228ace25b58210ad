import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode } from 'graphql';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { IDENTITY_KIND_CLAIM } from '@hub/kit';
import { CONTRACT_OPERATIONS_PATH } from '@hub/schema/paths';
import type { BenchIssuer } from './issuer';

/** Where a scenario can send its requests. */
export type TargetName = 'stack' | 'router' | 'apollo' | 'parties';

export const TARGET_LABELS: Record<TargetName, string> = {
  stack: 'router in npm start',
  router: 'router alone',
  apollo: 'Apollo Gateway',
  parties: 'parties subgraph, signed',
};

/** What a scenario may use to build its requests once everything is up. */
export interface BenchContext {
  /** GraphQL endpoint of each target that is running. */
  urls: Partial<Record<TargetName, string>>;
  /** The router → subgraph signing secret, for requests straight to a subgraph. */
  signingSecret: string;
  /** The benchmark's token issuer (a fresh `jti` per token). */
  issuer: BenchIssuer;
  /** The router's public URL (its JWKS, the consent tokens' issuer). */
  routerPublicUrl: string;
}

/** One request as a connection sends it, over and over. */
export interface Variant {
  headers: Record<string, string>;
  body: string;
}

/** The load on one target: one variant per connection (distinct tokens or bodies), or one for all (`--merged`). */
export interface Load {
  url: string;
  variants: Variant[];
  /** Sign every body (`x-hub-signature`), as the router does for subgraph calls. */
  signWith?: string;
  /** The `data` every response must carry, as JSON text (any one of them); empty: any data without errors. */
  expect: string[];
  /** Checks one response (status and parsed body) of a sample: null when right, else what is wrong. */
  check(status: number, body: GraphQLResponse): Promise<string | null> | string | null;
}

export interface GraphQLResponse {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface Scenario {
  name: string;
  /** One line on what is measured, printed above the tables. */
  description: string;
  /** Work done per request when it is more than one thing (e.g. 100 decisions): the report adds units/s. */
  unitsPerRequest?: number;
  /** Builds `connections` variants for `target`. */
  prepare(ctx: BenchContext, target: TargetName, connections: number): Promise<Load>;
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

const json = { 'content-type': 'application/json' };

// --------------------------------------------------------------------------------------------- scenarios

const bearer = (token: string) => ({ ...json, authorization: `Bearer ${token}` });
const graphqlBody = (query: string, operationName: string | undefined, variables: Record<string, unknown>, extensions?: Record<string, unknown>) =>
  JSON.stringify({ query, ...(operationName ? { operationName } : {}), variables, ...(extensions ? { extensions } : {}) });

/** `n` variants with a fresh token each (same claims, distinct `jti`): distinct subgraph bodies, as real traffic has. */
async function withTokens(n: number, mint: () => Promise<string>, body: string): Promise<Variant[]> {
  return Promise.all(Array.from({ length: n }, async () => ({ headers: bearer(await mint()), body })));
}

function routerUrl(ctx: BenchContext, target: TargetName): string {
  const url = ctx.urls[target];
  if (!url) throw new Error(`target ${target} is not running`);
  return url;
}

/** A load whose every answer carries exactly `data` (checked on every response under load and on the sample). */
function fixedAnswer(url: string, variants: Variant[], data: unknown, signWith?: string): Load {
  const text = JSON.stringify(data);
  return {
    url,
    variants,
    signWith,
    expect: [text],
    check: (status, body) => {
      if (status !== 200) return `HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`;
      if (body.errors?.length) return `GraphQL errors: ${JSON.stringify(body.errors).slice(0, 300)}`;
      return JSON.stringify(body.data) === text ? null : `expected ${text.slice(0, 200)}, got ${JSON.stringify(body.data)?.slice(0, 200)}`;
    },
  };
}

/** Asks `url` once and returns its data, failing on errors: the expected answer of a fixed-answer load. */
async function reference(url: string, variant: Variant, signWith?: string): Promise<unknown> {
  const { SIGNATURE_HEADER, signBody } = await import('@hub/kit');
  const headers = signWith ? { ...variant.headers, [SIGNATURE_HEADER]: signBody(signWith, variant.body) } : variant.headers;
  const res = await fetch(url, { method: 'POST', headers, body: variant.body });
  const body = (await res.json()) as GraphQLResponse;
  if (res.status !== 200 || body.errors?.length || !body.data)
    throw new Error(`reference request to ${url} failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body.data;
}

const PARTY_BY_URN = contractOperation('PartyByUrn');

/** The three-subgraph `me` query: roles (roles), delegations (delegations), consents (consents), on the person (parties). */
const ME_THREE = `query MeThree {
  me {
    urn
    name
    rolesHeld { role { code } from { urn } }
    delegationsReceived { id from { urn } actions }
    consentsGiven { id status to { urn } }
  }
}`;

const AUTHORIZE_SCOPE_CLIENT = 'skatteetaten-system';
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

/** Authorize with `n` requests; every response's decisions are checked against the story's known answers. */
function authorizeScenario(name: string, n: number): Scenario {
  return {
    name,
    description: `the decision point through the router, service-owner token (${AUTHORIZE_SCOPE_CLIENT}), ${n === 1 ? 'one request' : `${n} requests in one call (mixed story subjects, parties, actions)`}`,
    unitsPerRequest: n > 1 ? n : undefined,
    async prepare(ctx, target, connections) {
      const cases = Array.from({ length: n }, (_, i) => AUTHORIZE_CASES[i % AUTHORIZE_CASES.length]!);
      const body = graphqlBody(contractOperation('Authorize'), 'Authorize', {
        requests: cases.map(({ subject, party, action }) => ({ subject, party, resource: MVA, action })),
      });
      const url = routerUrl(ctx, target);
      const variants = await withTokens(connections, () => ctx.issuer.client(AUTHORIZE_SCOPE_CLIENT), body);
      const data = await reference(url, variants[0]!);
      const decisions = (data as { authorize: { decision: string }[] }).authorize.map((a) => a.decision);
      const wanted = cases.map((c) => c.decision);
      if (JSON.stringify(decisions) !== JSON.stringify(wanted))
        throw new Error(`${name}: wrong decisions before the load: ${decisions.join(',')} (expected ${wanted.join(',')})`);
      return fixedAnswer(url, variants, data);
    },
  };
}

const CONSENT_REDIRECT = 'https://banken.example/samtykke/retur';
const HAKON_PID = '12888510018';
const BANKEN_AS = orgUrn('310000701');

/** One set-up call (a mutation as someone): its data, or an error naming what failed. */
async function setUp(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await fetch(url, { method: 'POST', headers: bearer(token), body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as GraphQLResponse;
  if (body.errors?.length || !body.data)
    throw new Error(`setting up the benchmark's data failed: ${JSON.stringify(body.errors ?? body).slice(0, 400)}`);
  return body.data;
}

const meData = new WeakMap<BenchContext, Promise<void>>();

/**
 * HÅKON TRANA, the viewer of the `me` row, is given something in every subgraph the query asks: roles he has in the
 * story; a delegation from TRANA BYGG AS by its general manager KARI NORDMANN; a consent he gave BANKEN AS. Once per run.
 */
function meViewerData(ctx: BenchContext, url: string): Promise<void> {
  if (!meData.has(ctx)) {
    meData.set(
      ctx,
      (async () => {
        await setUp(url, await ctx.issuer.person(KARI_PID), 'mutation($input: DelegateInput!) { delegate(input: $input) { id } }', {
          input: { from: TRANA_BYGG.urn, to: personUrn(HAKON_PID), resource: MVA, actions: ['read'] },
        });
        await acceptedConsents(ctx, url, 1);
      })(),
    );
  }
  return meData.get(ctx)!;
}

/** `n` consents from HÅKON TRANA to BANKEN AS, accepted: one per connection, so that no two connections share a consent. */
async function acceptedConsents(ctx: BenchContext, url: string, n: number): Promise<string[]> {
  const call = (token: string, query: string, variables: Record<string, unknown>) => setUp(url, token, query, variables);
  const bankToken = await ctx.issuer.client('banken-system');
  const hakonToken = await ctx.issuer.person(HAKON_PID);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const created = await call(bankToken, 'mutation($i: CreateConsentRequestInput!) { createConsentRequest(input: $i) { id } }', {
      i: {
        from: personUrn(HAKON_PID),
        validTo: new Date(Date.now() + 86_400_000).toISOString(),
        rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: String(2000 + (i % 25)) } }],
        redirectUrl: CONSENT_REDIRECT,
      },
    });
    const id = created.createConsentRequest.id as string;
    await call(hakonToken, 'mutation($id: ID!) { acceptConsentRequest(id: $id) { status } }', { id });
    ids.push(id);
  }
  return ids;
}

/**
 * The benchmark's scenarios. To add one: build its variants in `prepare` (tokens from `ctx.issuer`, one per
 * connection; signed subgraph calls with `signWith: ctx.signingSecret`) and give what every answer must be.
 */
export const SCENARIOS = {
  partyByUrn: {
    name: 'PartyByUrn',
    description: 'the public contract operation PartyByUrn (TRANA BYGG AS) as KARI NORDMANN, a token of its own per connection',
    async prepare(ctx, target, connections) {
      const variables = { urn: TRANA_BYGG.urn };
      if (target === 'parties') {
        // Straight to the subgraph: the viewer the router would forward, a distinct `jti` per connection.
        const url = ctx.urls.parties!;
        const variants = Array.from({ length: connections }, () => ({
          headers: json,
          body: graphqlBody(PARTY_BY_URN, 'PartyByUrn', variables, {
            jwt: { payload: { pid: KARI_PID, sub: KARI_PID, jti: crypto.randomUUID(), [IDENTITY_KIND_CLAIM]: 'person' } },
          }),
        }));
        return fixedAnswer(url, variants, await reference(url, variants[0]!, ctx.signingSecret), ctx.signingSecret);
      }
      const url = routerUrl(ctx, target);
      const variants = await withTokens(connections, () => ctx.issuer.person(KARI_PID), graphqlBody(PARTY_BY_URN, 'PartyByUrn', variables));
      const data = await reference(url, variants[0]!);
      const party = (data as { party?: { urn: string; name: string } }).party;
      if (party?.urn !== TRANA_BYGG.urn || party.name !== TRANA_BYGG.name) throw new Error(`PartyByUrn: wrong party ${JSON.stringify(party)}`);
      return fixedAnswer(url, variants, data);
    },
  },
  meThree: {
    name: 'me: roles, delegations, consents',
    description:
      "HÅKON TRANA's `me` with his roles, delegations received and consents given (three subgraphs, none empty), a token of its own per connection",
    async prepare(ctx, target, connections) {
      const url = routerUrl(ctx, target);
      await meViewerData(ctx, url);
      const variants = await withTokens(connections, () => ctx.issuer.person(HAKON_PID), graphqlBody(ME_THREE, 'MeThree', {}));
      const data = await reference(url, variants[0]!);
      const me = (data as { me: Record<string, unknown[]> }).me;
      const empty = ['rolesHeld', 'delegationsReceived', 'consentsGiven'].filter((field) => !me[field]?.length);
      if (empty.length) throw new Error(`me: ${empty.join(', ')} empty; the row must ask every subgraph for something`);
      return fixedAnswer(url, variants, data);
    },
  },
  authorize100: authorizeScenario('Authorize, batch of 100', 100),
  authorize1: authorizeScenario('Authorize, 1 request', 1),
  issueConsentToken: {
    name: 'IssueConsentToken',
    description: 'BANKEN AS gets a signed consent token (ES256) through the router, a consent of its own per connection',
    async prepare(ctx, target, connections) {
      const url = routerUrl(ctx, target);
      const ids = await acceptedConsents(ctx, url, connections);
      const variants = await Promise.all(
        ids.map(async (consentId) => ({
          headers: bearer(await ctx.issuer.client('banken-system')),
          body: graphqlBody(contractOperation('IssueConsentToken'), 'IssueConsentToken', { input: { consentId } }),
        })),
      );
      // Fetched when a token names a key not seen yet: the signing key may be made with the first token.
      const keys = createRemoteJWKSet(new URL(`${ctx.routerPublicUrl.replace('//localhost', '//127.0.0.1')}/.well-known/jwks.json`));
      return {
        url,
        variants,
        expect: [],
        // A sampled token must verify against the hub's JWKS, for the bank, from the hub: no bad token.
        async check(status, body) {
          if (status !== 200 || body.errors?.length) return `HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`;
          const issued = body.data?.issueConsentToken as { accessToken?: string; tokenType?: string } | undefined;
          if (issued?.tokenType !== 'Bearer' || !issued.accessToken) return `no token: ${JSON.stringify(body.data).slice(0, 200)}`;
          try {
            await jwtVerify(issued.accessToken, keys, { issuer: ctx.routerPublicUrl, audience: BANKEN_AS });
            return null;
          } catch (err) {
            return `bad consent token: ${(err as Error).message}`;
          }
        },
      };
    },
  },
} satisfies Record<string, Scenario>;

export type ScenarioKey = keyof typeof SCENARIOS;
