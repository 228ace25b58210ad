import { z } from 'zod';
import type { HubSettings } from './context';
import { SUBGRAPHS } from './subgraphs';

/** The development signing secret; refused in production. */
export const DEV_ROUTER_SECRET = 'dev-only-router-secret-change-me-0000000000';

/** The settings router and subgraphs share, as read from the environment. */
interface SharedEnv {
  NODE_ENV: string;
  ROUTER_SIGNING_SECRET?: string | undefined;
  PUBLIC_URL?: string | undefined;
}

/**
 * What production refuses to start without, checked alike by the router and every subgraph: a signing secret
 * of its own (not the public development one) and an https public address. Each problem names its variable.
 */
export function productionIssues(env: SharedEnv): { path: string; message: string }[] {
  if (env.NODE_ENV !== 'production') return [];
  const issues: { path: string; message: string }[] = [];
  if (!env.ROUTER_SIGNING_SECRET) issues.push({ path: 'ROUTER_SIGNING_SECRET', message: 'is required in production' });
  else if (env.ROUTER_SIGNING_SECRET === DEV_ROUTER_SECRET) {
    issues.push({ path: 'ROUTER_SIGNING_SECRET', message: 'is the public development default; set a secret of your own in production' });
  }
  if (!env.PUBLIC_URL) issues.push({ path: 'PUBLIC_URL', message: 'is required in production' });
  else if (!env.PUBLIC_URL.startsWith('https://')) issues.push({ path: 'PUBLIC_URL', message: 'must be an https:// address in production' });
  return issues;
}

const SubgraphEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).optional(),
    HOST: z.string().default('127.0.0.1'),
    /** The router's public address (token issuer, page links). Required (https) in production. */
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    /** Shared by the router (signs) and every subgraph (verifies). At least 32 characters. */
    ROUTER_SIGNING_SECRET: z.string().min(32).optional(),
    /**
     * Processes serving this subgraph on its one port (node:cluster hands each connection to one of them): where one
     * process is the cap, as the delegations subgraph is under Authorize batches. Needs Postgres (DATABASE_URL).
     */
    SUBGRAPH_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  })
  .transform((env, ctx) => {
    const issues = productionIssues(env);
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    if (issues.length) return z.NEVER;
    return { ...env, PUBLIC_URL: env.PUBLIC_URL ?? 'http://localhost:4000', ROUTER_SIGNING_SECRET: env.ROUTER_SIGNING_SECRET ?? DEV_ROUTER_SECRET };
  });

export type SubgraphEnv = z.infer<typeof SubgraphEnv>;

/** Parses the environment once at start-up; a bad value stops the process with a message naming it. */
export function parseSubgraphEnv(env: NodeJS.ProcessEnv = process.env): SubgraphEnv {
  const parsed = SubgraphEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid subgraph configuration:\n${z.prettifyError(parsed.error)}`);
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
