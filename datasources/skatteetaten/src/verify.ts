import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** The token does not hold for this request: answered 403 with `why`, and nothing is delivered. */
export class ConsentRefused extends Error {
  override name = 'ConsentRefused';
}

export const organizationUrn = (orgNo: string) => `urn:altinn:organization:identifier-no:${orgNo}`;

/** The hub's published keys, fetched and cached by jose (refetched when a token names an unknown kid). */
export const hubKeys = (hubUrl: string, timeoutMs: number): JWTVerifyGetKey =>
  createRemoteJWKSet(new URL(`${hubUrl}/.well-known/jwks.json`), { timeoutDuration: timeoutMs, cooldownDuration: 1000 });

export interface Expectation {
  keys: JWTVerifyGetKey;
  issuer: string;
  /** This source: its URN must be in `aud`. */
  organizationNumber: string;
  /** Whose data is asked for (`sub` and the consent's `from`). */
  subjectUrn: string;
  /** Who asks (the consent's `to`). */
  requestorUrn: string;
  /** The resource the consent must cover, with metadata matching these parameters (inntektsaar). */
  resource: string;
  parameters: Record<string, unknown>;
}

interface ConsentDetails {
  type?: string;
  id?: string;
  from?: string;
  to?: string;
  consentRights?: { resource?: { value?: string }[]; metadata?: Record<string, string> }[];
}

const refuse = (why: string): never => {
  throw new ConsentRefused(`The consent token was refused: ${why}.`);
};

/**
 * Verifies a hub consent token offline (ES256, at+jwt, issuer, audience, expiry) and checks that it is consent from
 * this subject to this requestor for this resource and metadata. Returns the consent and token ids to report.
 */
export async function verifyConsentToken(token: string, expect: Expectation): Promise<{ consentId: string; jti: string }> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, expect.keys, {
      issuer: expect.issuer,
      audience: organizationUrn(expect.organizationNumber),
      algorithms: ['ES256'],
      typ: 'at+jwt',
      requiredClaims: ['exp', 'jti', 'sub'],
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) return refuse('it has expired');
    if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey) return refuse('its signature is not the hub’s');
    if (err instanceof errors.JWTClaimValidationFailed) return refuse(`claim ${err.claim} does not hold (${err.reason})`);
    if (err instanceof errors.JOSEError && !(err instanceof errors.JWKSTimeout)) return refuse(err.message);
    throw err;
  }
  const details = (payload.authorization_details as ConsentDetails[] | undefined)?.find((d) => d.type === 'urn:altinn:consent');
  if (!details?.id) return refuse('it carries no urn:altinn:consent details');
  if (payload.sub !== expect.subjectUrn || details.from !== expect.subjectUrn) return refuse(`it is consent from ${details.from}, not from ${expect.subjectUrn}`);
  if (details.to !== expect.requestorUrn) return refuse(`it is consent to ${details.to}, not to ${expect.requestorUrn}`);
  const right = details.consentRights?.find((r) => r.resource?.some((x) => x.value === expect.resource));
  if (!right) return refuse(`it does not cover ${expect.resource}`);
  for (const [key, value] of Object.entries(right.metadata ?? {})) {
    if (String(expect.parameters[key]) !== value) return refuse(`it covers ${key} ${value}, not ${String(expect.parameters[key])}`);
  }
  return { consentId: details.id, jti: payload.jti as string };
}
