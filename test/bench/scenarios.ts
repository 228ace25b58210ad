import { readFileSync } from 'node:fs';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode } from 'graphql';
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
          extensions: { jwt: { payload: { pid: KARI_PID } } },
        }),
        signWith: ctx.signingSecret,
        check: partyByUrn.check,
      };
    },
  },
];
