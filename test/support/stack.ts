import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { partyIdOf, storyNumber, storyParty } from '@hub/db';
import { startStack, type Stack, type StackOptions } from '../../scripts/stack';

export interface TestStack extends Stack {
  /** The test database's postgres:// URL (absent on the embedded database). */
  databaseUrl?: string;
  /** A dev token: `{ pid }`, `{ client }` or `{ org, scope }`. */
  token(body: Record<string, string>): Promise<string>;
  /** A dev person token for a story person by key (`kari`, `hakon` …). */
  personToken(key: string): Promise<string>;
  /** The stored (random) party id of a story party by key (`kari`, `tranabygg` …) or of any register number. */
  partyId(keyOrNumber: string): Promise<string>;
  /** POSTs a GraphQL request to the router and returns status and parsed body. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; body: GraphQLBody<T> }>;
}

export interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [k: string]: unknown } }[];
}

/**
 * The real router and subgraphs on free ports over a fresh database: a new Postgres database when
 * DATABASE_URL is set (dropped afterwards), otherwise an in-memory embedded one.
 */
export async function startTestStack(options: Partial<Pick<StackOptions, 'logLevel' | 'logDestination' | 'env'>> = {}): Promise<TestStack> {
  const adminUrl = process.env.DATABASE_URL;
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (adminUrl) {
    const name = `hub_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  const stack = await startStack({
    databaseUrl,
    pgliteDir: 'memory://',
    port: 0,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options,
  });

  const token = async (body: Record<string, string>) => {
    const res = await fetch(`${stack.publicUrl.replace('localhost', '127.0.0.1')}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`dev token refused: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  return {
    ...stack,
    databaseUrl,
    token,
    personToken: (key) => {
      const p = storyParty(key);
      if (!('nationalIdentityNumber' in p)) throw new Error(`${key} is not a person`);
      return token({ pid: p.nationalIdentityNumber });
    },
    async partyId(keyOrNumber) {
      const number = /^\d+$/.test(keyOrNumber) ? keyOrNumber : storyNumber(keyOrNumber);
      const id = await partyIdOf(stack.database.db, number);
      if (!id) throw new Error(`no party ${keyOrNumber} in the database`);
      return id;
    },
    async graphql(query, variables, bearer) {
      const res = await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as GraphQLBody<any> };
    },
    async close() {
      await stack.close();
      await dropDatabase();
    },
  };
}
