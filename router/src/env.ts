import { z } from 'zod';
import { DEV_ROUTER_SECRET } from '@hub/kit';

/** A token issuer the router trusts, besides its own dev issuer. */
const Issuer = z.object({
  issuer: z.string().min(1),
  jwksUri: z.url(),
  audience: z.string().optional(),
});

const RouterEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    ROUTER_SIGNING_SECRET: z.string().min(32).optional(),
    /** JSON list of `{ issuer, jwksUri, audience? }`: ID-porten, Maskinporten or their test environments. */
    JWT_ISSUERS: z
      .string()
      .default('[]')
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'is not JSON' });
          return z.NEVER;
        }
      })
      .pipe(z.array(Issuer)),
    /** Largest request body accepted, in bytes. */
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(100_000),
    MAX_DEPTH: z.coerce.number().int().min(1).default(12),
    MAX_TOKENS: z.coerce.number().int().min(10).default(2_000),
    MAX_ALIASES: z.coerce.number().int().min(0).default(30),
    /** How long the router waits for one subgraph request before that part of the answer fails. */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** Retries of a failed subgraph request, for queries only (mutations are never repeated). */
    SUBGRAPH_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
    /** Path of the Prometheus metrics; empty turns them off. Keep it off the public edge. */
    METRICS_PATH: z.string().regex(/^(\/[\w-]+)*$/).default('/metrics'),
  })
  .transform((env, ctx) => {
    const production = env.NODE_ENV === 'production';
    if (production && !env.ROUTER_SIGNING_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['ROUTER_SIGNING_SECRET'], message: 'is required in production' });
      return z.NEVER;
    }
    return {
      production,
      port: env.PORT,
      host: env.HOST,
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
      logLevel: env.LOG_LEVEL,
      signingSecret: env.ROUTER_SIGNING_SECRET ?? DEV_ROUTER_SECRET,
      issuers: env.JWT_ISSUERS,
      metricsPath: env.METRICS_PATH || null,
      upstream: { timeoutMs: env.SUBGRAPH_TIMEOUT_MS, retries: env.SUBGRAPH_RETRIES },
      limits: { maxBodyBytes: env.MAX_BODY_BYTES, maxDepth: env.MAX_DEPTH, maxTokens: env.MAX_TOKENS, maxAliases: env.MAX_ALIASES },
    };
  });

export type RouterConfig = z.infer<typeof RouterEnv> & {
  /** Subgraph name → URL, from SUBGRAPH_<NAME>_URL; others keep the supergraph's default. */
  subgraphUrls: Record<string, string>;
};

/** Parses the router's environment once; a bad value stops start-up with a message naming it. */
export function parseRouterEnv(env: NodeJS.ProcessEnv = process.env): RouterConfig {
  const parsed = RouterEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid router configuration:\n${z.prettifyError(parsed.error)}`);
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const m = /^SUBGRAPH_([A-Z]+)_URL$/.exec(key);
    if (m && value) subgraphUrls[m[1]!.toLowerCase()] = value;
  }
  return { ...parsed.data, subgraphUrls };
}
