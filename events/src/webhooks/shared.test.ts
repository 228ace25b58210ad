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
    expect(webhookUrlProblem('https://banken.example/hooks')).toBeNull();
    expect(webhookUrlProblem('http://localhost:8080/hook')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1/hook')).toBeNull();
    expect(webhookUrlProblem('http://[::1]:9000/hook')).toBeNull();
    expect(webhookUrlProblem('http://example.com/hook')).toMatch(/https/);
    expect(webhookUrlProblem('http://localhost.example.com/hook')).toMatch(/https/);
    expect(webhookUrlProblem('https://banken.example/hooks#x')).toMatch(/fragment/);
    expect(webhookUrlProblem('/relative')).toMatch(/absolute/);
  });

  it('wait 4 times longer before each retry, capped, with ±10 % jitter', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, () => 0.5))).toEqual([1000, 4000, 16000, 60000]);
    expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(900);
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1100);
  });
});
