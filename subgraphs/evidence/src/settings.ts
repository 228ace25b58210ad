import { z } from 'zod';
import type { HubSettings } from '@hub/kit';

const Fault = z.enum(['fail', 'hang']);

const EvidenceEnv = z.object({
  /** How long a source may take before its code is UNAVAILABLE. */
  EVIDENCE_SOURCE_TIMEOUT_MS: z.coerce.number().int().min(1).default(3000),
  /** When a caller may try an UNAVAILABLE code again. */
  EVIDENCE_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).default(60),
  /**
   * The tax administration's data source as its own service (`npm run start:datasource`): consent-token harvests of its
   * codes are sent there over HTTP. Unset: the in-process stand-in answers (development and tests); production refuses to start.
   */
  EVIDENCE_SKATTEETATEN_URL: z.url({ message: 'must be the data source’s URL, e.g. http://127.0.0.1:4100' }).optional(),
  /** Test switch only (ignored in production): `{"nav":"fail"}` or `{"nav":"hang"}` makes that source fail or hang. */
  EVIDENCE_SOURCE_FAULTS: z
    .string()
    .default('{}')
    .transform((s, ctx) => {
      try {
        return z.record(z.string(), Fault).parse(JSON.parse(s));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of source key → "fail" | "hang"' });
        return z.NEVER;
      }
    }),
});

export interface EvidenceSettings {
  timeoutMs: number;
  retryAfterSeconds: number;
  faults: Record<string, 'fail' | 'hang'>;
  /** Sources that run as their own HTTP services, by source key. */
  sourceUrls: Partial<Record<'skatteetaten', string>>;
}

const parsed = new WeakMap<HubSettings, EvidenceSettings>();

/** The evidence subgraph's own settings, parsed once per hub settings object; a bad value names the variable. */
export function evidenceSettings(hub: HubSettings): EvidenceSettings {
  let s = parsed.get(hub);
  if (!s) {
    const env = EvidenceEnv.safeParse(hub.env);
    if (!env.success) throw new Error(`Invalid evidence configuration:\n${z.prettifyError(env.error)}`);
    // The in-process stand-in answers with synthetic data: never in production.
    if (hub.production && !env.data.EVIDENCE_SKATTEETATEN_URL) {
      throw new Error('Invalid evidence configuration:\n✖ production needs EVIDENCE_SKATTEETATEN_URL, the tax administration’s own service');
    }
    s = {
      timeoutMs: env.data.EVIDENCE_SOURCE_TIMEOUT_MS,
      retryAfterSeconds: env.data.EVIDENCE_RETRY_AFTER_SECONDS,
      faults: hub.production ? {} : env.data.EVIDENCE_SOURCE_FAULTS,
      sourceUrls: env.data.EVIDENCE_SKATTEETATEN_URL ? { skatteetaten: env.data.EVIDENCE_SKATTEETATEN_URL.replace(/\/+$/, '') } : {},
    };
    parsed.set(hub, s);
  }
  return s;
}
