import { describe, expect, it } from 'vitest';
import { signBody, signingKey, verifyBodySignature } from './signature';

const secret = 'k'.repeat(40);

describe('signing with a key object made once', () => {
  it('gives the signature the secret string gives, and a subgraph accepts it', () => {
    const at = Date.now();
    expect(signBody(signingKey(secret), '{"a":1}', at)).toBe(signBody(secret, '{"a":1}', at));
    expect(verifyBodySignature(secret, signBody(signingKey(secret), '{"a":1}'), '{"a":1}')).toEqual({ ok: true });
    expect(verifyBodySignature(secret, signBody(signingKey('j'.repeat(40)), '{"a":1}'), '{"a":1}').ok).toBe(false);
  });
});
