import { z } from 'zod';
import { allowPrivateAddresses, allowPrivateAddressesSetting, DEV_KEY_ENCRYPTION_KEY, keyEncryptionKeySetting } from './shared';

/** Webhook dispatcher settings, parsed once. It runs wherever the relay runs (NATS_URL set) unless WEBHOOKS=off. */
const WebhooksEnv = z.object({
  NODE_ENV: z.string().optional(),
  WEBHOOKS: z.enum(['on', 'off']).default('on'),
  /** The durable JetStream consumer all dispatchers of a deployment share (each message goes to one of them). */
  WEBHOOK_CONSUMER: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('hub-webhooks'),
  /** Attempts per event and subscription, the first included; then the delivery is FAILED. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** Wait before the 2nd attempt; each later wait is 4 times the one before (±10 % jitter), at most WEBHOOK_RETRY_MAX_MS. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(5_000),
  WEBHOOK_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(6 * 3600_000),
  /** How long one attempt waits for the receiver's answer. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Attempts in flight at once per dispatcher. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** `true`: deliver to private, loopback and other internal addresses too. Default: outside production only. */
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: allowPrivateAddressesSetting,
  /** 32 bytes, base64: the webhook secrets are sealed with it (the same key as the consent signing keys). */
  KEY_ENCRYPTION_KEY: keyEncryptionKeySetting,
});

export interface WebhooksSettings {
  enabled: boolean;
  consumer: string;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  timeoutMs: number;
  concurrency: number;
  /** Whether receivers may be on private, loopback or other internal addresses; otherwise only public ones are called. */
  allowPrivateAddresses: boolean;
  keyEncryptionKey: Buffer;
}

export function parseWebhooksEnv(env: NodeJS.ProcessEnv = process.env): WebhooksSettings {
  const parsed = WebhooksEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid webhook dispatcher configuration: ${z.prettifyError(parsed.error)}`);
  const v = parsed.data;
  if (!v.KEY_ENCRYPTION_KEY && v.NODE_ENV === 'production' && v.WEBHOOKS === 'on') {
    throw new Error('Invalid webhook dispatcher configuration: KEY_ENCRYPTION_KEY is required in production');
  }
  return {
    enabled: v.WEBHOOKS === 'on',
    consumer: v.WEBHOOK_CONSUMER,
    maxAttempts: v.WEBHOOK_MAX_ATTEMPTS,
    retryBaseMs: v.WEBHOOK_RETRY_BASE_MS,
    retryMaxMs: v.WEBHOOK_RETRY_MAX_MS,
    timeoutMs: v.WEBHOOK_TIMEOUT_MS,
    concurrency: v.WEBHOOK_CONCURRENCY,
    allowPrivateAddresses: allowPrivateAddresses(v.WEBHOOK_ALLOW_PRIVATE_ADDRESSES, v.NODE_ENV === 'production'),
    keyEncryptionKey: v.KEY_ENCRYPTION_KEY ?? DEV_KEY_ENCRYPTION_KEY,
  };
}
