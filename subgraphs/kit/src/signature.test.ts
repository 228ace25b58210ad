import { describe, expect, it } from 'vitest';
import { signBody, verifyBodySignature } from './signature';

const secret = 's'.repeat(40);

describe('router request signatures', () => {
  it('accepts the body it signed', () => {
    expect(verifyBodySignature(secret, signBody(secret, '{"a":1}'), '{"a":1}')).toEqual({ ok: true });
  });
  it.each([
    ['a changed body', signBody(secret, '{"a":1}'), '{"a":2}', 'does not match'],
    ['another secret', signBody('t'.repeat(40), '{"a":1}'), '{"a":1}', 'does not match'],
    ['an old signature', signBody(secret, '{"a":1}', Date.now() - 61_000), '{"a":1}', 'expired'],
    ['no header', undefined, '{"a":1}', 'missing'],
    ['garbage', 'v1=zz', '{"a":1}', 'malformed'],
  ])('refuses %s', (_name, header, body, reason) => {
    const check = verifyBodySignature(secret, header, body);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(reason);
  });
});
