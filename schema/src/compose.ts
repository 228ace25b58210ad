import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { buildSchema, introspectionFromSchema, parse } from 'graphql';
import { outputIntrospectionFile } from '@gql.tada/internal';
import { defineCli, runWhenMain } from '@hub/db/cli';
import { SUBGRAPHS } from '@hub/kit';
import { z } from 'zod';
import { SUBGRAPH_MODULES } from './subgraph-modules';

const dir = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
import { PORTAL_GRAPHQL_ENV_PATH, SUPERGRAPH_PATH } from './paths';
export const subgraphSdlPath = (name: string) => dir(`subgraphs/${name}.graphql`);

export interface Composition {
  subgraphs: { name: string; sdl: string }[];
  supergraph: string;
  /** The API schema clients see (no federation machinery). */
  publicSdl: string;
  /** The API schema as gql.tada's introspection type: the portal pages' query types are inferred from it. */
  portalGraphqlEnv: string;
}

/** gql.tada's introspection type (`graphql-env.d.ts`) of the API schema: pure TypeScript, no codegen binary. */
export function graphqlEnv(publicSdl: string): string {
  return outputIntrospectionFile(introspectionFromSchema(buildSchema(publicSdl)), { fileType: '.d.ts', shouldPreprocess: true });
}

/** Prints every subgraph's SDL and composes the supergraph. Subgraph URLs are the local defaults. */
export async function compose(): Promise<Composition> {
  const subgraphs = [];
  for (const { name, defaultPort } of SUBGRAPHS) {
    const sdl = printSubgraphSchema(await SUBGRAPH_MODULES[name].buildSchema());
    subgraphs.push({ name, sdl, url: `http://127.0.0.1:${defaultPort}/graphql` });
  }
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.sdl), url: s.url })));
  if (result.errors?.length) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return {
    subgraphs,
    supergraph: `${result.supergraphSdl!.trim()}\n`,
    publicSdl: result.publicSdl!,
    portalGraphqlEnv: graphqlEnv(result.publicSdl!),
  };
}

/** Differences between the committed files and a fresh composition, as file paths. */
export function staleFiles(c: Composition): string[] {
  const read = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return null;
    }
  };
  const stale = c.subgraphs.filter((s) => read(subgraphSdlPath(s.name)) !== `${s.sdl.trim()}\n`).map((s) => subgraphSdlPath(s.name));
  if (read(SUPERGRAPH_PATH) !== c.supergraph) stale.push(SUPERGRAPH_PATH);
  if (read(PORTAL_GRAPHQL_ENV_PATH) !== c.portalGraphqlEnv) stale.push(PORTAL_GRAPHQL_ENV_PATH);
  return stale;
}

const USAGE = `Usage: npm run compose [-- --check]

Composes the subgraphs' schemas and writes each subgraph's SDL, schema/supergraph.graphql and the portal's
gql.tada schema types (router/src/pages/portal/graphql-env.d.ts).
  --check    write nothing; fail (exit 1) naming the committed files that are out of date`;

export const composeCli = defineCli({
  name: 'compose',
  usage: USAGE,
  flags: { check: { type: 'boolean' } },
  args: z.object({ check: z.boolean().default(false) }),
  async run({ check }) {
    const composition = await compose();
    if (check) {
      const stale = staleFiles(composition);
      if (stale.length) {
        console.error(`Out of date (run npm run compose):\n${stale.join('\n')}`);
        return 1;
      }
      console.log('supergraph is up to date');
      return;
    }
    for (const s of composition.subgraphs) writeFileSync(subgraphSdlPath(s.name), `${s.sdl.trim()}\n`);
    writeFileSync(SUPERGRAPH_PATH, composition.supergraph);
    writeFileSync(PORTAL_GRAPHQL_ENV_PATH, composition.portalGraphqlEnv);
    console.log(`composed ${composition.subgraphs.length} subgraph(s) into schema/supergraph.graphql`);
  },
});

runWhenMain(import.meta.url, composeCli);
