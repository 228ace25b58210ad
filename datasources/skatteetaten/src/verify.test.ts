import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConsentRefused, verifyConsentToken, type Expectation } from './verify';

const HUB = 'http://hub.test';
const HAKON = 'urn:altinn:person:identifier-no:12888510018';
const BANKEN = 'urn:altinn:organization:identifier-no:310000108';
const SKATTEETATEN = 'urn:altinn:organization:identifier-no:310000701';

let hubKey: CryptoKey;
let forger: CryptoKey;
let expectation: Expectation;
beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  hubKey = pair.privateKey;
  forger = (await generateKeyPair('ES256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
  expectation = {
    keys: createLocalJWKSet({ keys: [jwk] }),
    issuer: HUB,
    organizationNumber: '310000701',
    subjectUrn: HAKON,
    requestorUrn: BANKEN,
    resource: 'ske-skatteattest',
    parameters: {},
  };
});

/** A token as the hub signs them; `over` changes one thing. */
async function token(over: { key?: CryptoKey; typ?: string; exp?: number; resource?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    authorization_details: [
      { type: 'urn:altinn:consent', id: 'c-1', from: HAKON, to: BANKEN, consentRights: [{ action: ['consent'], resource: [{ type: 'urn:altinn:resource', value: over.resource ?? 'ske-skatteattest' }], metadata: {} }] },
    ],
  })
    .setProtectedHeader({ alg: 'ES256', typ: over.typ ?? 'at+jwt', kid: 'k1' })
    .setIssuer(HUB)
    .setAudience([SKATTEETATEN])
    .setSubject(HAKON)
    .setIssuedAt(now - 10)
    .setExpirationTime(over.exp ?? now + 300)
    .setJti('j-1')
    .sign(over.key ?? hubKey);
}

const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof ConsentRefused ? e.message : `not a refusal: ${String(e)}`));

describe('the data source verifying a consent token offline', () => {
  it('accepts the hub’s token for this subject, requestor and resource, naming consent and token', async () => {
    await expect(verifyConsentToken(await token(), expectation)).resolves.toEqual({ consentId: 'c-1', jti: 'j-1' });
  });

  it.each([
    ['a forged signature', { key: 'forger' }, /signature is not the hub’s/],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 1 }, /expired/],
    ['a plain JWT instead of an access token', { typ: 'JWT' }, /claim typ/],
    ['a token for another resource', { resource: 'ske-restanser' }, /does not cover ske-skatteattest/],
  ])('refuses %s', async (_name, over, why) => {
    const o = over as { key?: string; exp?: number; typ?: string; resource?: string };
    expect(await refusal(verifyConsentToken(await token({ ...o, key: o.key ? forger : undefined }), expectation))).toMatch(why);
  });
});
