import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ipLiteralOf, isLocalhostName, isPublicAddress } from './address-policy';

// What the graph (consents subgraph) and the dispatcher share about webhooks: event types, secrets, signatures.
// No broker here: `@hub/events/webhooks` is imported by a subgraph.

/** The CloudEvents `type` of every event a partner may subscribe to (the outbox's types, migration 0011). */
export const WEBHOOK_EVENT_TYPES = [
  'no.altinn.hub.consent.created',
  'no.altinn.hub.consent.accepted',
  'no.altinn.hub.consent.rejected',
  'no.altinn.hub.consent.revoked',
  'no.altinn.hub.consent.deleted',
  'no.altinn.hub.consent.used',
  'no.altinn.hub.consent.token-issued',
  'no.altinn.hub.delegation.created',
  'no.altinn.hub.delegation.revoked',
  'no.altinn.hub.access-request.created',
  'no.altinn.hub.access-request.approved',
  'no.altinn.hub.access-request.rejected',
  'no.altinn.hub.access-request.withdrawn',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (t: string): t is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t);

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface WebhookUrlPolicy {
  /** Whether a URL may name a private, loopback or otherwise internal address (`WEBHOOK_ALLOW_PRIVATE_ADDRESSES`). */
  allowPrivateAddresses: boolean;
}

/**
 * Why a webhook URL is refused, or null: absolute https (http only to localhost), no credentials, no fragment, and,
 * unless the policy allows private addresses, no host that is an internal IP address or `localhost`. Other names
 * are checked where it counts, at delivery, against what they resolve to then (`createWebhookClient`).
 */
export function webhookUrlProblem(value: string, policy: WebhookUrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
    return 'must be an https URL (http only for localhost and 127.0.0.1)';
  }
  if (url.username || url.password) return 'must not contain credentials';
  if (url.hash || value.includes('#')) return 'must not contain a fragment';
  if (!policy.allowPrivateAddresses) {
    const ip = ipLiteralOf(url.hostname);
    if (ip ? !isPublicAddress(ip) : isLocalhostName(url.hostname)) {
      return `must name a public host: ${ip ?? url.hostname} is not a public address (the hub calls no private, loopback, link-local or reserved address)`;
    }
  }
  return null;
}

/**
 * `WEBHOOK_ALLOW_PRIVATE_ADDRESSES`: `true` lets webhooks go to private, loopback and other internal addresses (local
 * receivers in development and tests). Absent: allowed outside production, refused in production, where only an
 * explicit `true` allows them. Read alike by the consents subgraph (subscriptions) and the dispatcher (deliveries).
 */
export const allowPrivateAddressesSetting = z.enum(['true', 'false']).optional();

export const allowPrivateAddresses = (value: 'true' | 'false' | undefined, production: boolean): boolean =>
  value === undefined ? !production : value === 'true';

/** A new signing secret in the Standard Webhooks format: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The key bytes of a `whsec_` secret (what the HMAC is keyed with). */
export const secretKey = (secret: string) => Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');

/**
 * The `webhook-signature` header (Standard Webhooks): `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, one
 * per secret, separated by spaces (two while a rotated secret's predecessor still signs).
 */
export function signWebhook(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((s) => `v1,${createHmac('sha256', secretKey(s)).update(`${id}.${timestamp}.${body}`).digest('base64')}`).join(' ');
}

/** Development key-encryption key (the consents subgraph's too); refused in production. */
export const DEV_KEY_ENCRYPTION_KEY = createHash('sha256').update('dev-only-key-encryption-key').digest();

/**
 * `KEY_ENCRYPTION_KEY`: 32 bytes, base64, or absent (then `DEV_KEY_ENCRYPTION_KEY`, refused in production by each
 * reader). One key seals the consent signing keys and the webhook secrets, so the consents subgraph and the
 * dispatcher read it the same way.
 */
export const keyEncryptionKeySetting = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined) return undefined;
    const key = Buffer.from(s, 'base64');
    if (key.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)' });
      return z.NEVER;
    }
    return key;
  });

/** AES-256-GCM with the subscription id as associated data: a sealed secret moved to another row does not open. */
export function sealSecret(secret: string, kek: Buffer, subscriptionId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`webhook:${subscriptionId}`));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

export function openSecret(sealed: string, kek: Buffer, subscriptionId: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new Error(`webhook subscription ${subscriptionId}: unknown secret format`);
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`webhook:${subscriptionId}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
