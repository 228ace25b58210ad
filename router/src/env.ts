import { z } from 'zod';
import { DEV_ROUTER_SECRET, productionIssues } from '@hub/kit/config';

/** Default largest lifetime (`exp` − `iat`) of a token the router accepts, in seconds. */
export const DEFAULT_MAX_TOKEN_LIFETIME = 3600;

/**
 * A token issuer the router trusts, besides its own dev issuer: who it is, where its keys are, the audience
 * its tokens must name for this hub, and which kind of identity it vouches for.
 */
const Issuer = z
  .object({
    issuer: z.string().min(1),
    jwksUri: z.url(),
    /** The `aud` this hub's tokens from that issuer carry (e.g. the hub's client id or resource URL). */
    audience: z.string().min(1),
    /** `person` for ID-porten-like issuers (claims `pid`, `acr`), `organization` for Maskinporten-like ones (`consumer`). */
    kind: z.enum(['person', 'organization']),
    maxLifetimeSeconds: z.number().int().min(60).max(86_400).default(DEFAULT_MAX_TOKEN_LIFETIME),
  })
  .strict();

export type TrustedIssuer = z.infer<typeof Issuer>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const milliseconds = (fallback: number) => z.coerce.number().int().min(100).max(600_000).default(fallback);

const RouterEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    ROUTER_SIGNING_SECRET: z.string().min(32).optional(),
    /** JSON list of trusted issuers (see `Issuer`): ID-porten, Maskinporten or their test environments. */
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
    /** Path of the Prometheus metrics; empty turns them off. */
    METRICS_PATH: z
      .string()
      .regex(/^(\/[\w-]+)*$/)
      .default('/metrics'),
    /** A separate (internal) port for the metrics. In production the only place they are served. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** How long a client may take to send the request headers. */
    HEADERS_TIMEOUT_MS: milliseconds(10_000),
    /** How long a client may take to send the whole request, body included. */
    REQUEST_TIMEOUT_MS: milliseconds(30_000),
    /** How long an idle keep-alive connection stays open. */
    KEEP_ALIVE_TIMEOUT_MS: milliseconds(5_000),
    /**
     * Who plans queries over the subgraphs: `js` the gateway's own (graphql-tools stitching), `rust` Hive Router's
     * query planner (`@graphql-hive/router-runtime`, a native module shipped in npm).
     */
    QUERY_PLANNER: z.enum(['js', 'rust']).default('js'),
    /**
     * `on`: a query one subgraph answers alone is, once the gateway has executed it, forwarded to that subgraph
     * directly on its next requests, and a plain query several subgraphs answer is composed from their answers past
     * the gateway (router/src/forwarding/); `off`: every request goes through the gateway.
     */
    FORWARDING: z.enum(['on', 'off']).default('on'),
    /** Most open connections at once; more are closed as they arrive. */
    MAX_CONNECTIONS: z.coerce.number().int().min(1).default(10_000),
    /** `off` serves no web pages (consent pages, login): an API-only router, which then needs no OIDC settings. */
    PAGES: z.enum(['on', 'off']).default('on'),
    /** The pages' OpenID Connect provider (ID-porten: `https://idporten.no`); its discovery document is read from here. */
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /**
     * Registered at the provider: `<PUBLIC_URL>/auth/callback`, where the router receives the code. Outside production
     * it defaults to exactly that; production names it.
     */
    OIDC_REDIRECT_URL: z.url().optional(),
    /** A page session ends after this many seconds without a request. */
    SESSION_IDLE_SECONDS: z.coerce.number().int().min(5).max(86_400).default(1_800),
    /** A page session ends this many seconds after login, however busy. */
    SESSION_MAX_SECONDS: z.coerce
      .number()
      .int()
      .min(5)
      .max(7 * 86_400)
      .default(7_200),
  })
  .transform((env, ctx) => {
    const production = env.NODE_ENV === 'production';
    const issues = productionIssues(env);
    if (production) {
      env.JWT_ISSUERS.forEach((issuer, i) => {
        const url = new URL(issuer.jwksUri);
        if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname)) {
          issues.push({ path: `JWT_ISSUERS[${i}].jwksUri`, message: 'must be an https:// address in production' });
        }
      });
    }
    const oidc = oidcSettings(env);
    if (!oidc.ok) issues.push(...oidc.issues);
    else if (production && env.PAGES === 'on' && !oidc.settings) {
      issues.push({
        path: 'OIDC_ISSUER',
        message:
          'is required in production while PAGES=on (with OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL): nobody could log in to the pages',
      });
    }
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    if (issues.length) return z.NEVER;
    const metricsPath = env.METRICS_PATH || null;
    return {
      production,
      port: env.PORT,
      host: env.HOST,
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
      logLevel: env.LOG_LEVEL,
      signingSecret: env.ROUTER_SIGNING_SECRET ?? DEV_ROUTER_SECRET,
      issuers: env.JWT_ISSUERS,
      metrics: {
        path: metricsPath,
        /** Served on the public port too: only outside production, and only without an internal port. */
        onPublicPort: !!metricsPath && !production && env.METRICS_PORT === undefined,
        port: metricsPath ? (env.METRICS_PORT ?? null) : null,
      },
      queryPlanner: env.QUERY_PLANNER,
      forwarding: env.FORWARDING === 'on',
      pages: env.PAGES === 'on',
      oidc: oidc.ok ? oidc.settings : null,
      session: { idleSeconds: env.SESSION_IDLE_SECONDS, maxSeconds: env.SESSION_MAX_SECONDS },
      upstream: { timeoutMs: env.SUBGRAPH_TIMEOUT_MS, retries: env.SUBGRAPH_RETRIES },
      limits: { maxBodyBytes: env.MAX_BODY_BYTES, maxDepth: env.MAX_DEPTH, maxTokens: env.MAX_TOKENS, maxAliases: env.MAX_ALIASES },
      server: {
        headersTimeoutMs: env.HEADERS_TIMEOUT_MS,
        requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
        maxConnections: env.MAX_CONNECTIONS,
      },
    };
  });

/** The pages' OpenID Connect client, as registered at the provider. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

type OidcEnv = {
  OIDC_ISSUER?: string;
  OIDC_CLIENT_ID?: string;
  OIDC_CLIENT_SECRET?: string;
  OIDC_REDIRECT_URL?: string;
  NODE_ENV: string;
  PORT: number;
  PUBLIC_URL?: string;
};
const OIDC_KEYS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const;

/**
 * All OIDC settings or none: half a client registration is a mistake, said at start-up. Outside production the
 * redirect URL may be left to its default, `<PUBLIC_URL>/auth/callback`.
 */
function oidcSettings(env: OidcEnv): { ok: true; settings: OidcSettings | null } | { ok: false; issues: { path: string; message: string }[] } {
  const required = env.NODE_ENV === 'production' ? OIDC_KEYS : OIDC_KEYS.filter((k) => k !== 'OIDC_REDIRECT_URL');
  const missing = required.filter((k) => !env[k]);
  if (OIDC_KEYS.every((k) => !env[k])) return { ok: true, settings: null };
  const issues = missing.map((path) => ({ path, message: `is required when ${OIDC_KEYS.filter((k) => env[k]).join(', ')} is set` }));
  if (env.NODE_ENV === 'production') {
    for (const k of ['OIDC_ISSUER', 'OIDC_REDIRECT_URL'] as const) {
      if (env[k] && !env[k].startsWith('https://')) issues.push({ path: k, message: 'must be an https:// address in production' });
    }
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    settings: {
      issuer: env.OIDC_ISSUER!,
      clientId: env.OIDC_CLIENT_ID!,
      clientSecret: env.OIDC_CLIENT_SECRET!,
      redirectUrl: env.OIDC_REDIRECT_URL ?? `${(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')}/auth/callback`,
    },
  };
}

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
