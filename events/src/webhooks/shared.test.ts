import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './dispatcher';
import { newWebhookSecret, openSecret, sealSecret, signWebhook, webhookUrlProblem } from './shared';

describe('webhook signatures, secrets and URLs', () => {
  it('sign as the Standard Webhooks test vector says', () => {
    // The example of the Standard Webhooks specification (and of its reference libraries' tests).
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const signature = signWebhook([secret], 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('sign with every secret given, space-separated (a rotation)', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    const both = signWebhook([a, b], 'id', 1, 'body');
    expect(both).toBe(`${signWebhook([a], 'id', 1, 'body')} ${signWebhook([b], 'id', 1, 'body')}`);
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  });

  it('seal a secret so that it opens only with its key and for its subscription', () => {
    const kek = Buffer.alloc(32, 7);
    const secret = newWebhookSecret();
    const sealed = sealSecret(secret, kek, 'sub-1');
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(openSecret(sealed, kek, 'sub-1')).toBe(secret);
    expect(() => openSecret(sealed, kek, 'sub-2')).toThrow();
    expect(() => openSecret(sealed, Buffer.alloc(32, 8), 'sub-1')).toThrow();
  });

  it('take https URLs, and http only to this machine', () => {
    const dev = { allowPrivateAddresses: true };
    expect(webhookUrlProblem('https://banken.example/hooks', dev)).toBeNull();
    expect(webhookUrlProblem('http://localhost:8080/hook', dev)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1/hook', dev)).toBeNull();
    expect(webhookUrlProblem('http://[::1]:9000/hook', dev)).toBeNull();
    expect(webhookUrlProblem('https://10.0.0.5/hook', dev)).toBeNull();
    expect(webhookUrlProblem('http://example.com/hook', dev)).toMatch(/https/);
    expect(webhookUrlProblem('http://localhost.example.com/hook', dev)).toMatch(/https/);
    expect(webhookUrlProblem('http://10.0.0.5/hook', dev)).toMatch(/https/);
    expect(webhookUrlProblem('https://banken.example/hooks#x', dev)).toMatch(/fragment/);
    expect(webhookUrlProblem('/relative', dev)).toMatch(/absolute/);
  });

  it('refuse internal addresses and localhost when private addresses are not allowed; names wait for delivery', () => {
    const production = { allowPrivateAddresses: false };
    for (const [url, host] of [
      ['https://169.254.169.254/latest/meta-data/', '169.254.169.254'],
      ['https://10.0.0.5/hook', '10.0.0.5'],
      ['https://[fd00::1]/hook', 'fd00::1'],
      ['https://[::ffff:10.0.0.1]/hook', '::ffff:a00:1'],
      ['https://[64:ff9b::a9fe:a9fe]/hook', '64:ff9b::a9fe:a9fe'],
      ['https://0x7f.1/hook', '127.0.0.1'],
      ['https://0.0.0.0/hook', '0.0.0.0'],
      ['http://127.0.0.1:8080/hook', '127.0.0.1'],
      ['http://[::1]:8080/hook', '::1'],
      ['http://localhost:8080/hook', 'localhost'],
      ['https://app.localhost/hook', 'app.localhost'],
    ]) {
      expect(webhookUrlProblem(url!, production)).toBe(
        `must name a public host: ${host} is not a public address (the hub calls no private, loopback, link-local or reserved address)`,
      );
    }
    expect(webhookUrlProblem('https://banken.example/hooks', production)).toBeNull();
    expect(webhookUrlProblem('https://93.184.215.14/hooks', production)).toBeNull();
    expect(webhookUrlProblem('https://[2a00:1450:4001:80b::200e]/hooks', production)).toBeNull();
    // The protocol rule comes first, as before.
    expect(webhookUrlProblem('http://10.0.0.5/hook', production)).toMatch(/https/);
  });

  it('wait 4 times longer before each retry, capped, with ±10 % jitter', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, () => 0.5))).toEqual([1000, 4000, 16000, 60000]);
    expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(900);
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1100);
  });
});
