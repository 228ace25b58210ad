import { isUseRefusal, REPORT_USE_QUERY, reportUseVariables, type ConsentUse } from '@hub/source-kit';
import type { DatasourceSettings } from './settings';

/** The hub said no to a use: nothing may be delivered. */
export class UseRefused extends Error {
  override name = 'UseRefused';
}

/**
 * This source as a client of the hub: its own organisation token (fetched, cached until shortly before it expires)
 * and the report of a use, which must get the hub's yes before the source delivers.
 */
export function createHubClient(settings: DatasourceSettings) {
  let cached: { token: string; until: number } | undefined;
  const signal = () => AbortSignal.timeout(settings.hubTimeoutMs);

  async function organizationToken(): Promise<string> {
    if (cached && cached.until > Date.now()) return cached.token;
    const res = await fetch(settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ org: settings.organizationNumber, scope: '' }),
      signal: signal(),
    });
    if (!res.ok) throw new Error(`no organisation token from ${settings.tokenUrl}: ${res.status}`);
    const body = (await res.json()) as { access_token: string; expires_in?: number };
    cached = { token: body.access_token, until: Date.now() + Math.max(0, (body.expires_in ?? 300) - 60) * 1000 };
    return body.access_token;
  }

  return {
    /** Reports that `resource` is about to be delivered under the token `jti`; throws UseRefused on the hub's no. */
    async reportUse(use: ConsentUse): Promise<void> {
      const res = await fetch(`${settings.hubUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await organizationToken()}` },
        body: JSON.stringify({
          query: REPORT_USE_QUERY,
          variables: reportUseVariables(use),
        }),
        signal: signal(),
      });
      const body = (await res.json().catch(() => ({}))) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
      const err = body.errors?.[0];
      if (err && isUseRefusal(err.extensions?.code)) throw new UseRefused(`The hub refused the use: ${err.message}`);
      if (err || !res.ok || !body.data) throw new Error(`reportConsentUse failed: ${res.status} ${err?.message ?? ''}`);
    },
  };
}

export type HubClient = ReturnType<typeof createHubClient>;
