import { z } from 'zod';

const DatasourceEnv = z.object({
  /** Where the hub answers (JWKS, GraphQL, dev tokens); may be an internal address. */
  HUB_URL: z.url({ message: 'must be the hub’s URL, e.g. http://localhost:4000' }).transform((u) => u.replace(/\/+$/, '')),
  /** The `iss` of the hub's consent tokens: its public URL. Default: HUB_URL. */
  HUB_ISSUER: z.url().optional(),
  /** This source's organisation number: its URN must be in a token's audience, and it reports uses as this organisation. */
  DATASOURCE_ORGANIZATION_NUMBER: z
    .string()
    .regex(/^\d{9}$/, 'must be 9 digits')
    .default('310000701'),
  /**
   * Where this source gets its own organisation token for reporting uses (POST {"org","scope"} → {access_token}).
   * Default: the hub's development issuer, `<HUB_URL>/dev/token`; production points it at its Maskinporten client.
   */
  DATASOURCE_TOKEN_URL: z.url().optional(),
  DATASOURCE_HOST: z.string().default('127.0.0.1'),
  DATASOURCE_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  /** How long a call to the hub (JWKS, token, report) may take. */
  DATASOURCE_HUB_TIMEOUT_MS: z.coerce.number().int().min(1).default(3000),
});

export interface DatasourceSettings {
  hubUrl: string;
  issuer: string;
  organizationNumber: string;
  tokenUrl: string;
  host: string;
  port: number;
  hubTimeoutMs: number;
}

/** Parsed once at start-up; a missing or malformed variable stops the service with a message naming it. */
export function datasourceSettings(env: NodeJS.ProcessEnv): DatasourceSettings {
  const parsed = DatasourceEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid data source configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  // In production nothing may fall back to development defaults: the story's organisation, the hub's dev token issuer.
  if (env.NODE_ENV === 'production') {
    const missing = (['HUB_ISSUER', 'DATASOURCE_ORGANIZATION_NUMBER', 'DATASOURCE_TOKEN_URL'] as const).filter((k) => !env[k]);
    if (missing.length) throw new Error(`Invalid data source configuration:\n✖ production needs ${missing.join(', ')}`);
  }
  return {
    hubUrl: e.HUB_URL,
    issuer: (e.HUB_ISSUER ?? e.HUB_URL).replace(/\/+$/, ''),
    organizationNumber: e.DATASOURCE_ORGANIZATION_NUMBER,
    tokenUrl: e.DATASOURCE_TOKEN_URL ?? `${e.HUB_URL}/dev/token`,
    host: e.DATASOURCE_HOST,
    port: e.DATASOURCE_PORT,
    hubTimeoutMs: e.DATASOURCE_HUB_TIMEOUT_MS,
  };
}
