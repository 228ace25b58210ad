import { z } from 'zod';
import { allowPrivateAddresses, allowPrivateAddressesSetting, DEV_KEY_ENCRYPTION_KEY, keyEncryptionKeySetting } from '@hub/events/webhooks';
import type { HubSettings } from '@hub/kit';

const ConsentEnv = z.object({
  /** 32 bytes, base64: encrypts the signing keys' private parts at rest. Required in production. */
  KEY_ENCRYPTION_KEY: keyEncryptionKeySetting,
  /** Lifetime of consent tokens in seconds; at most 300. */
  CONSENT_TOKEN_TTL: z.coerce.number().int().min(10).max(300).default(300),
  /** How long a new signing key is published before it signs, so verifiers' cached key sets already have it. */
  SIGNING_KEY_PUBLISH_AHEAD: z.coerce.number().int().min(0).max(86_400).default(60),
  /** How often the live-status subscription reads the watched requests' statuses (one query for all of them). */
  LIVE_STATUS_POLL_MS: z.coerce.number().int().min(10).max(10_000).default(500),
  /** `true`: webhook subscriptions may name private, loopback and other internal addresses. Default: outside production only. */
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: allowPrivateAddressesSetting,
});

export interface ConsentSettings {
  issuer: string;
  keyEncryptionKey: Buffer;
  tokenTtlSeconds: number;
  codeTtlSeconds: number;
  publishAheadSeconds: number;
  liveStatusPollMs: number;
  /** Whether a webhook subscription's URL may name an internal address (the dispatcher reads the same setting). */
  allowPrivateWebhookAddresses: boolean;
}

const parsed = new WeakMap<HubSettings, ConsentSettings>();

/** The consents subgraph's settings, parsed once per hub settings object; stops with a clear message when wrong. */
export function consentSettings(hub: HubSettings): ConsentSettings {
  let settings = parsed.get(hub);
  if (settings) return settings;
  const env = ConsentEnv.safeParse(hub.env);
  if (!env.success) throw new Error(`Invalid consents configuration:\n${z.prettifyError(env.error)}`);
  if (!env.data.KEY_ENCRYPTION_KEY && hub.production) {
    throw new Error('Invalid consents configuration: KEY_ENCRYPTION_KEY is required in production');
  }
  settings = {
    issuer: hub.publicUrl,
    keyEncryptionKey: env.data.KEY_ENCRYPTION_KEY ?? DEV_KEY_ENCRYPTION_KEY,
    tokenTtlSeconds: env.data.CONSENT_TOKEN_TTL,
    codeTtlSeconds: 60,
    publishAheadSeconds: env.data.SIGNING_KEY_PUBLISH_AHEAD,
    liveStatusPollMs: env.data.LIVE_STATUS_POLL_MS,
    allowPrivateWebhookAddresses: allowPrivateAddresses(env.data.WEBHOOK_ALLOW_PRIVATE_ADDRESSES, hub.production),
  };
  parsed.set(hub, settings);
  return settings;
}
