import { createDatabase, parseDbEnv } from '@hub/db';
import { defineCli, runWhenMain } from '@hub/db/cli';
import { hubSettingsFromEnv, parseSubgraphEnv } from '@hub/kit';
import { z } from 'zod';
import { consentSettings } from './settings';
import { rotateSigningKey } from './signing-keys';

// `npm run keys:rotate`: adds a consent-token signing key, published in the JWKS now and signing after
// SIGNING_KEY_PUBLISH_AHEAD seconds; the old key keeps signing until then. Exits non-zero on failure.
// Reads the same environment as the consents subgraph (DATABASE_URL or PGLITE_DIR, PUBLIC_URL, KEY_ENCRYPTION_KEY).
const USAGE = `Usage: npm run keys:rotate

Adds a consent-token signing key: published in the JWKS now, signing after SIGNING_KEY_PUBLISH_AHEAD seconds.
Reads the consents subgraph's environment (DATABASE_URL or PGLITE_DIR, PUBLIC_URL, KEY_ENCRYPTION_KEY).`;

export const rotateCli = defineCli({
  name: 'key rotation',
  usage: USAGE,
  args: z.object({}),
  async run() {
    const env = parseSubgraphEnv();
    const dbEnv = parseDbEnv();
    const settings = consentSettings(hubSettingsFromEnv(env));
    const database = createDatabase({ url: dbEnv.DATABASE_URL, pgliteDir: dbEnv.PGLITE_DIR, poolSize: 1 });
    try {
      const now = new Date();
      const kid = await rotateSigningKey(database.db, settings.keyEncryptionKey, settings.publishAheadSeconds, now);
      const signsFrom = new Date(now.getTime() + settings.publishAheadSeconds * 1000);
      console.log(`new signing key ${kid} (${database.kind}): published now, signs from ${signsFrom.toISOString()}`);
    } finally {
      await database.close();
    }
  },
});

runWhenMain(import.meta.url, rotateCli);
