import { describe, expect, it } from 'vitest';
import { createDevIdentity } from './dev-identity';
import { cachedTokenVerifier } from './token-cache';
import { CLOCK_SKEW_SECONDS, createTokenVerifier, TokenRefused, type VerifiedClaims } from './token-verifier';

const PUBLIC_URL = 'http://localhost:4000';

/** The real verifier of the dev issuers on a clock the test moves, counting the signature checks it makes. */
async function setup(options: { maxEntries?: number; maxAgeMs?: number } = {}) {
  const dev = await createDevIdentity(PUBLIC_URL);
  const clock = { ms: Date.now() };
  const now = () => clock.ms;
  const inner = createTokenVerifier(dev.issuers, now);
  const checked: string[] = [];
  const verify = cachedTokenVerifier(
    (token) => {
      checked.push(token);
      return inner(token);
    },
    { ...options, now },
  );
  const token = async (pid = '17857210042') => {
    const issued = await dev.issue({ pid });
    if (!issued.ok) throw new Error(issued.message);
    return issued.token;
  };
  return { verify, checked, clock, token };
}

const expOf = (claims: VerifiedClaims) => claims.exp! * 1000;

describe('the verified-token cache', () => {
  it('checks a token’s signature once, then answers its claims until it expires', async () => {
    const { verify, checked, token } = await setup();
    const kari = await token();
    const first = await verify(kari);
    expect(await verify(kari)).toBe(first);
    expect(first).toMatchObject({ pid: '17857210042' });
    expect(checked).toEqual([kari]);
  });

  it('verifies a token afresh at its expiry, and refuses it once the clock skew is past too', async () => {
    const { verify, checked, clock, token } = await setup();
    const kari = await token();
    const claims = await verify(kari);
    clock.ms = expOf(claims);
    await verify(kari); // within the skew the verifier still accepts it, but it was asked again
    expect(checked).toEqual([kari, kari]);
    clock.ms = expOf(claims) + (CLOCK_SKEW_SECONDS + 1) * 1000;
    await expect(verify(kari)).rejects.toBeInstanceOf(TokenRefused);
  });

  it('never accepts a token that fails verification, however like a cached one it is', async () => {
    const { verify, checked, token } = await setup();
    const kari = await token();
    await verify(kari);
    const [header, payload, signature] = kari.split('.') as [string, string, string];
    const forged = `${header}.${payload}.${signature.slice(0, -4)}${signature.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    await expect(verify(forged)).rejects.toBeInstanceOf(TokenRefused);
    await expect(verify(forged)).rejects.toBeInstanceOf(TokenRefused);
    // Another person's claims under Kari's signature.
    const other = (await token('12888510018')).split('.')[1]!;
    await expect(verify(`${header}.${other}.${signature}`)).rejects.toBeInstanceOf(TokenRefused);
    expect(checked.filter((t) => t !== kari)).toHaveLength(3);
  });

  it('verifies again after maxAgeMs even when the token lives longer', async () => {
    const { verify, checked, clock, token } = await setup({ maxAgeMs: 60_000 });
    const kari = await token();
    await verify(kari);
    clock.ms += 59_000;
    await verify(kari);
    clock.ms += 2_000;
    await verify(kari);
    expect(checked).toHaveLength(2);
  });

  it('keeps at most maxEntries tokens, dropping the least recently used', async () => {
    const { verify, checked, token } = await setup({ maxEntries: 2 });
    const [a, b, c] = [await token(), await token(), await token()];
    await verify(a);
    await verify(b);
    await verify(a); // a is now the most recent
    await verify(c); // drops b
    await verify(a);
    await verify(b);
    expect(checked).toEqual([a, b, c, b]);
  });

  it('shares frozen claims, so that no request can change what the next one sees', async () => {
    const { verify, token } = await setup();
    const claims = await verify(await token());
    expect(Object.isFrozen(claims)).toBe(true);
    expect(() => Object.assign(claims, { pid: '12888510018' })).toThrow(TypeError);
  });
});
