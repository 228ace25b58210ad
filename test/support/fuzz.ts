import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  print,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { story } from '@hub/db';
import type { Random } from './random';

// A generator of hostile requests for the router: contract operations with mutated documents, variables of
// right and wrong shapes, and tokens ranging from the story's own to garbage. The oracle (`findLeaks`) looks
// for what a response must never carry, whatever the request.

export interface Operation {
  name: string;
  source: string;
  definition: OperationDefinitionNode;
}

export interface FuzzCase {
  /** What was mutated, for the failure report. */
  kind: string;
  body: string;
  headers: Record<string, string>;
}

export function splitOperations(contract: string): Operation[] {
  return parse(contract).definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION && d.name ? [{ name: d.name.value, source: print(d), definition: d }] : [],
  );
}

const personUrns = story.persons.map((p) => `urn:altinn:person:identifier-no:${p.nationalIdentityNumber}`);
const orgUrns = story.organizations.map((o) => `urn:altinn:organization:identifier-no:${o.organizationNumber}`);
const MALFORMED = [
  'urn:altinn:person:identifier-no:12345678901',
  'urn:altinn:person:identifier-no:1288851001',
  'urn:altinn:organization:identifier-no:310000109',
  'urn:altinn:party:uuid:not-a-uuid',
  'urn:altinn:party:uuid:',
  'urn:altinn:',
  'urn:evil:x',
  '17857210042',
  'urn:altinn:person:identifier-no:17857210042\u0000',
];
const NASTY = [
  '',
  ' ',
  "' OR 1=1 --",
  '"; DROP TABLE parties; --',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '\u202e\u0000\uffff',
  'Ωμέγα 🦄 ÆØÅ æøå',
  '\ud800',
  '%00%0d%0a',
  'null',
  '1e309',
  '-1',
  '2026-13-45T99:99:99Z',
];
const STORY_STRINGS = [
  ...story.resources.map((r) => r.id),
  ...story.evidenceCodes.map((c) => c.name),
  ...story.serviceContexts.map((c) => c.id),
  ...story.accessPackages.map((p) => p.urn),
  'read',
  'write',
  'sign',
  'consent',
  'https://banken.example/samtykke/retur',
  'http://localhost:9999/callback',
  '2030-01-01T00:00:00Z',
  '2020-01-01T00:00:00Z',
];

function randomString(random: Random): string {
  switch (random.int(0, 7)) {
    case 0:
      return random.pick(personUrns);
    case 1:
      return random.pick(orgUrns);
    case 2:
      return random.pick(MALFORMED);
    case 3:
      return random.pick(NASTY);
    case 4:
      return `urn:altinn:party:uuid:${randomUUID()}`;
    case 5:
      return 'x'.repeat(random.pick([256, 5_000, 40_000]));
    case 6:
      return String.fromCodePoint(...Array.from({ length: random.int(1, 40) }, () => random.int(32, 0x2fff)));
    default:
      return random.pick(STORY_STRINGS);
  }
}

function wrongValue(random: Random): unknown {
  return random.pick<unknown>([null, 42, -1.5, true, [], [1, 'a'], {}, { a: { b: 1 } }, 'x', 1e308, '']);
}

function value(type: GraphQLInputType, random: Random, schema: GraphQLSchema, depth = 0): unknown {
  if (random.chance(0.06)) return wrongValue(random);
  if (isNonNullType(type)) return value(type.ofType, random, schema, depth);
  if (isListType(type)) {
    const n = random.chance(0.05) ? random.int(100, 300) : random.int(0, 4);
    return Array.from({ length: n }, () => value(type.ofType, random, schema, depth + 1));
  }
  if (isInputObjectType(type)) {
    const obj: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (random.chance(0.05)) continue;
      obj[field.name] = depth > 4 ? null : value(field.type, random, schema, depth + 1);
    }
    if (random.chance(0.05)) obj[randomString(random).slice(0, 20) || 'extra'] = 1;
    return obj;
  }
  if (isEnumType(type)) return random.chance(0.8) ? random.pick(type.getValues()).value : randomString(random);
  switch (getNamedType(type).name) {
    case 'Int':
      return random.pick([0, 1, 7, -1, 2 ** 31, 100_000]);
    case 'Float':
      return random.pick([0, 1.5, -1e9]);
    case 'Boolean':
      return random.chance(0.5);
    case 'ID':
      return random.pick([randomUUID(), randomUUID().toUpperCase(), '1', 'not-a-uuid', randomString(random)]);
    case 'JSON':
    case 'JSONObject':
      return random.pick<unknown>([{ inntektsaar: '2024' }, { inntektsaar: 2024 }, {}, [], 'x', { a: randomString(random) }]);
    default:
      return randomString(random);
  }
}

function variablesFor(op: Operation, random: Random, schema: GraphQLSchema): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const def of op.definition.variableDefinitions ?? []) {
    if (random.chance(0.04)) continue;
    const type = typeFromAST(schema, def.type as never) as GraphQLInputType | undefined;
    vars[def.variable.name.value] = type ? value(type, random, schema) : randomString(random);
  }
  return vars;
}

function mutateDocument(source: string, random: Random): { kind: string; query: string } {
  switch (random.int(0, 6)) {
    case 0:
      return { kind: 'truncated document', query: source.slice(0, random.int(0, source.length)) };
    case 1: {
      const names = [...source.matchAll(/\b([a-z][A-Za-z]+)\b/g)];
      const m = random.pick(names);
      return { kind: 'unknown field', query: source.slice(0, m.index) + `${m[1]}Zz` + source.slice(m.index + m[1]!.length) };
    }
    case 2:
      return {
        kind: 'typename aliases',
        query: source.replace('{', `{ ${Array.from({ length: random.int(5, 60) }, (_, i) => `a${i}: __typename`).join(' ')} `),
      };
    case 3: {
      const n = random.int(2, 10);
      return { kind: 'deep nesting', query: `{ me { ${'authorizedParties { subunits { '.repeat(n)}name${' } }'.repeat(n)} } }` };
    }
    case 4:
      return { kind: 'unknown directive', query: source.replace('{', '@evil(x: 1) {') };
    case 5:
      return { kind: 'introspection', query: '{ __schema { types { name fields { name } } } }' };
    default:
      return { kind: 'random bytes', query: String.fromCodePoint(...Array.from({ length: random.int(1, 200) }, () => random.int(1, 0x7e))) };
  }
}

function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

function authorization(random: Random, tokens: readonly string[]): { kind: string; header?: string } {
  const real = random.pick(tokens);
  const pid = random.pick(story.persons).nationalIdentityNumber;
  const now = Math.floor(Date.now() / 1000);
  if (random.chance(0.55)) return { kind: 'story token', header: `Bearer ${real}` };
  switch (random.int(0, 8)) {
    case 0:
      return { kind: 'no token' };
    case 1:
      return { kind: 'lower-case bearer', header: `bearer ${real}` };
    case 2:
      return { kind: 'garbage token', header: `Bearer ${b64url(randomString(random).slice(0, 200))}` };
    case 3:
      return { kind: 'basic auth', header: `Basic ${b64url('kari:secret')}` };
    case 4:
      return { kind: 'alg none', header: `Bearer ${b64url({ alg: 'none' })}.${b64url({ pid, exp: now + 600 })}.` };
    case 5: {
      const [h, p, s] = real.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
      return { kind: 'tampered token', header: `Bearer ${h}.${b64url({ ...payload, pid })}.${s}` };
    }
    case 6:
      return {
        kind: 'unknown kid',
        header: `Bearer ${b64url({ alg: 'ES256', kid: randomUUID() })}.${b64url({ pid, exp: now + 600 })}.${b64url('sig')}`,
      };
    case 7:
      return { kind: 'HS256 with kid', header: `Bearer ${b64url({ alg: 'HS256', kid: 'dev' })}.${b64url({ pid, exp: now + 600 })}.${b64url('sig')}` };
    default:
      return { kind: 'empty bearer', header: 'Bearer ' };
  }
}

/** One generated request: a contract operation, possibly mutated, with generated variables and a token. */
export function generateCase(random: Random, ctx: { schema: GraphQLSchema; operations: readonly Operation[]; tokens: readonly string[] }): FuzzCase {
  const op = random.pick(ctx.operations);
  const auth = authorization(random, ctx.tokens);
  const headers: Record<string, string> = auth.header ? { authorization: auth.header } : {};
  const kinds = [op.name, auth.kind];
  let query = op.source;
  if (random.chance(0.25)) {
    const mutated = mutateDocument(query, random);
    query = mutated.query;
    kinds.push(mutated.kind);
  }
  const variables = variablesFor(op, random, ctx.schema);
  let body = JSON.stringify({ query, operationName: op.name, variables });
  if (random.chance(0.05)) {
    kinds.push('malformed body');
    body = random.pick([
      '{"query":',
      '[]',
      JSON.stringify([{ query }, { query }]),
      JSON.stringify({ query, variables: 'x' }),
      JSON.stringify({ query: 42 }),
      JSON.stringify({ variables }),
      JSON.stringify({ query, extensions: { jwt: { pid: '17857210042' } } }),
      JSON.stringify({ query, extensions: 'garbage' }),
    ]);
  }
  return { kind: kinds.join(' / '), body, headers };
}

const LEAKS: [string, RegExp][] = [
  ['INTERNAL', /"code":"INTERNAL(_SERVER_ERROR)?"/],
  ['stack trace', /\bat (?:async )?[\w$.<>[\] ]+ \(?(?:file:\/\/)?\/?[\w./-]+:\d+:\d+\)?/],
  [
    'SQL or driver text',
    /relation "[^"]+" does not exist|syntax error at or near|violates [\w-]+ constraint|duplicate key value|invalid input syntax for type|Failed query:|PostgresError|SQLSTATE|pglite/i,
  ],
  ['internal address', /\b(?:127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1\]):\d+/],
  ['file path', /(?:\/work\/|\/home\/|\/usr\/|\/tmp\/|node_modules|\w\.[tj]s:\d+)/],
  ['internal error field', /"(?:serviceName|originalError|stacktrace)"/],
];

/** What a response shows that it must not: each kind found, unless the request itself carried that text. */
export function findLeaks(text: string, publicUrl: string, requestBody = ''): string[] {
  const allowedHost = new URL(publicUrl).host;
  const found: string[] = [];
  for (const [name, pattern] of LEAKS) {
    for (const m of text.matchAll(new RegExp(pattern, 'g'))) {
      if (m[0].includes(allowedHost) || requestBody.includes(m[0])) continue;
      found.push(`${name} (${m[0].slice(0, 80)})`);
      break;
    }
  }
  return found;
}
