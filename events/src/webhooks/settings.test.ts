import { describe, expect, it } from 'vitest';
import { parseWebhooksEnv } from './settings';
import { DEV_KEY_ENCRYPTION_KEY } from './shared';

describe('the webhook dispatcher’s settings', () => {
  it('refuses to start in production without KEY_ENCRYPTION_KEY, unless webhooks are off', () => {
    expect(() => parseWebhooksEnv({ NODE_ENV: 'production' })).toThrow(/KEY_ENCRYPTION_KEY is required in production/);
    expect(parseWebhooksEnv({ NODE_ENV: 'production', WEBHOOKS: 'off' }).enabled).toBe(false);
  });

  it('refuses a key that is not 32 bytes, and uses the development key only outside production', () => {
    expect(() => parseWebhooksEnv({ KEY_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/32 bytes/);
    expect(parseWebhooksEnv({}).keyEncryptionKey.equals(DEV_KEY_ENCRYPTION_KEY)).toBe(true);
    const key = Buffer.alloc(32, 7);
    expect(parseWebhooksEnv({ NODE_ENV: 'production', KEY_ENCRYPTION_KEY: key.toString('base64') }).keyEncryptionKey.equals(key)).toBe(true);
  });

  it('allows private receiver addresses outside production by default, in production only when told explicitly', () => {
    const production = { NODE_ENV: 'production', KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
    expect(parseWebhooksEnv({}).allowPrivateAddresses).toBe(true);
    expect(parseWebhooksEnv({ NODE_ENV: 'test' }).allowPrivateAddresses).toBe(true);
    expect(parseWebhooksEnv({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' }).allowPrivateAddresses).toBe(false);
    expect(parseWebhooksEnv(production).allowPrivateAddresses).toBe(false);
    expect(parseWebhooksEnv({ ...production, WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' }).allowPrivateAddresses).toBe(true);
    expect(() => parseWebhooksEnv({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE_ADDRESSES/);
  });
});
