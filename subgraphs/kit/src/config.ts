import { z } from 'zod';
import type { HubSettings } from './context';
import { SUBGRAPHS } from './subgraphs';

/** The development signing secret; refused in production. */
export const DEV_ROUTER_SECRET = 'dev-only-router-secret-change-me-0000000000';

const SubgraphEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).optional(),
    HOST: z.string().default('127.0.0.1'),
    /** The router's public address (token issuer, page links). */
    PUBLIC_URL: z.url().default('http://localhost:4000'),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    /** Shared by the router (signs) and every subgraph (verifies). At least 32 characters. */
    ROUTER_SIGNING_SECRET: z.string().min(32).optional(),
  })
  .transform((env, ctx) => {
    if (!env.ROUTER_SIGNING_SECRET && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['ROUTER_SIGNING_SECRET'], message: 'is required in production' });
      return z.NEVER;
    }
    return { ...env, ROUTER_SIGNING_SECRET: env.ROUTER_SIGNING_SECRET ?? DEV_ROUTER_SECRET };
  });

export type SubgraphEnv = z.infer<typeof SubgraphEnv>;

/** Parses the environment once at start-up; a bad value stops the process with a message naming it. */
export function parseSubgraphEnv(env: NodeJS.ProcessEnv = process.env): SubgraphEnv {
  const parsed = SubgraphEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The settings a subgraph started on its own shares with the others, from its parsed environment. */
export function hubSettingsFromEnv(env: SubgraphEnv, processEnv: NodeJS.ProcessEnv = process.env): HubSettings {
  return {
    publicUrl: env.PUBLIC_URL.replace(/\/$/, ''),
    production: env.NODE_ENV === 'production',
    env: processEnv,
    signingSecret: env.ROUTER_SIGNING_SECRET,
    subgraphUrl: (name) => {
      const known = SUBGRAPHS.find((s) => s.name === name);
      return processEnv[`SUBGRAPH_${name.toUpperCase()}_URL`] ?? (known && `http://127.0.0.1:${known.defaultPort}/graphql`);
    },
  };
}
