import { describe, expect, it } from 'vitest';
import { IDENTITY_KIND_CLAIM } from '@hub/kit';
import { createDevIdentity } from './dev-identity';
import { createTokenVerifier, TokenRefused } from './token-verifier';

describe('the dev issuers', () => {
  it('address their tokens to the public URL, and the verifier checks it', async () => {
    const dev = await createDevIdentity('http://localhost:4000');
    const issued = await dev.issue({ pid: '17857210042' });
    if (!issued.ok) throw new Error(issued.message);
    expect(await createTokenVerifier(dev.issuers)(issued.token)).toMatchObject({ pid: '17857210042', [IDENTITY_KIND_CLAIM]: 'person' });
    const elsewhere = createTokenVerifier(dev.issuers.map((i) => ({ ...i, audience: 'http://another-hub:4000' })));
    await expect(elsewhere(issued.token)).rejects.toBeInstanceOf(TokenRefused);
  });
});
