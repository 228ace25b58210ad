import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConsentRefused, verifyConsentToken, type ConsentExpectation } from './verify';

const ISSUER = 'http://hub.test';
const SKATTEETATEN = '310000701';
const HAKON = 'urn:altinn:person:identifier-no:12888510018';
const BANKEN = 'urn:altinn:organization:identifier-no:310000108';
const CONSENT_ID = '6f1c1a52-8a4e-4a47-9c55-2a0e8c1f0a11';
const NOW = new Date('2026-03-01T12:00:00Z');

let hubKey: CryptoKey;
let forgerKey: CryptoKey;
let jwk: JWK;

beforeAll(async () => {
  const hub = await generateKeyPair('ES256');
  hubKey = hub.privateKey;
  jwk = { ...(await exportJWK(hub.publicKey)), kid: 'hub-1', alg: 'ES256', use: 'sig' };
  forgerKey = (await generateKeyPair('ES256')).privateKey;
});

/** A token shaped as the consents subgraph signs them; `over` changes one thing. */
async function token(
  over: {
    from?: string;
    to?: string;
    inntektsaar?: string;
    expiresIn?: number;
    key?: CryptoKey;
    audience?: string;
    typ?: string;
    resource?: string;
  } = {},
) {
  const iat = Math.floor(NOW.getTime() / 1000);
  return new SignJWT({
    client_id: 'banken-system',
    authorization_details: [
      {
        type: 'urn:altinn:consent',
        id: CONSENT_ID,
        from: over.from ?? HAKON,
        to: over.to ?? BANKEN,
        consented: NOW.toISOString(),
        validTo: '2027-01-01T00:00:00Z',
        consentRights: [
          {
            action: ['consent'],
            resource: [{ type: 'urn:altinn:resource', value: over.resource ?? 'ske-inntekt-skattegrunnlag' }],
            metadata: { inntektsaar: over.inntektsaar ?? '2024' },
          },
        ],
      },
    ],
  })
    .setProtectedHeader({ alg: 'ES256', typ: over.typ ?? 'at+jwt', kid: 'hub-1' })
    .setIssuer(ISSUER)
    .setAudience([over.audience ?? `urn:altinn:organization:identifier-no:${SKATTEETATEN}`])
    .setSubject(over.from ?? HAKON)
    .setIssuedAt(iat - 10)
    .setExpirationTime(iat + (over.expiresIn ?? 300))
    .setJti('0b7c3d1e-5f2a-4c8b-9d0e-1a2b3c4d5e6f')
    .sign(over.key ?? hubKey);
}

const expectation = (): ConsentExpectation => ({
  keys: createLocalJWKSet({ keys: [jwk] }),
  issuer: ISSUER,
  sourceOrganizationNumber: SKATTEETATEN,
  subjectUrn: HAKON,
  requestorUrn: BANKEN,
  resource: 'ske-inntekt-skattegrunnlag',
  parameters: { inntektsaar: 2024 },
  now: NOW,
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof ConsentRefused ? e.message : `not a refusal: ${String(e)}`),
  );

describe('a source verifying a consent token', () => {
  it('accepts a token for this subject, requestor, resource and income year, and names the consent and token', async () => {
    await expect(verifyConsentToken(await token(), expectation())).resolves.toEqual({
      consentId: CONSENT_ID,
      jti: '0b7c3d1e-5f2a-4c8b-9d0e-1a2b3c4d5e6f',
    });
  });

  it('refuses a token for another subject', async () => {
    expect(await refusal(verifyConsentToken(await token({ from: 'urn:altinn:person:identifier-no:17857210042' }), expectation()))).toMatch(
      /consent from urn:altinn:person:identifier-no:17857210042, not from .*12888510018/,
    );
  });

  it('refuses a token for another requestor', async () => {
    expect(await refusal(verifyConsentToken(await token({ to: 'urn:altinn:organization:identifier-no:310000205' }), expectation()))).toMatch(
      /consent to .*310000205, not to .*310000108/,
    );
  });

  it('refuses a token for another income year', async () => {
    expect(await refusal(verifyConsentToken(await token({ inntektsaar: '2023' }), expectation()))).toMatch(/covers inntektsaar 2023, not 2024/);
  });

  it('refuses an expired token', async () => {
    expect(await refusal(verifyConsentToken(await token({ expiresIn: -1 }), expectation()))).toMatch(/expired/);
  });

  it('refuses a forged token (signed by another key under the hub’s kid)', async () => {
    expect(await refusal(verifyConsentToken(await token({ key: forgerKey }), expectation()))).toMatch(/signature is not the hub’s/);
  });

  it('refuses a token addressed to another source', async () => {
    expect(await refusal(verifyConsentToken(await token({ audience: 'urn:altinn:organization:identifier-no:310000906' }), expectation()))).toMatch(
      /claim aud/,
    );
  });

  it('refuses a plain JWT instead of an access token', async () => {
    expect(await refusal(verifyConsentToken(await token({ typ: 'JWT' }), expectation()))).toMatch(/claim typ/);
  });

  it('refuses a token for another resource', async () => {
    expect(await refusal(verifyConsentToken(await token({ resource: 'ske-restanser' }), expectation()))).toMatch(
      /does not cover ske-inntekt-skattegrunnlag/,
    );
  });
});
