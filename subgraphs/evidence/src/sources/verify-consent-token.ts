import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { organizationUrn } from '@hub/db';
import { EvidenceRefused } from './source';

const jwksByUrl = new Map<string, JWTVerifyGetKey>();

/** The hub's published keys, fetched and cached as any outside data source would (one set per hub address). */
export function hubJwks(publicUrl: string): JWTVerifyGetKey {
  const url = `${publicUrl}/.well-known/jwks.json`;
  let jwks = jwksByUrl.get(url);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(url), { timeoutDuration: 3000, cooldownDuration: 1000 });
    jwksByUrl.set(url, jwks);
  }
  return jwks;
}

export interface ConsentExpectation {
  keys: JWTVerifyGetKey;
  issuer: string;
  /** The verifying source's organisation number: its URN must be in `aud`. */
  sourceOrganizationNumber: string;
  subjectUrn: string;
  requestorUrn: string;
  /** The resource the consent must name. */
  resource: string;
  /** The requested parameters; each the consent's metadata names must match (inntektsaar). */
  parameters: Record<string, unknown>;
  now: Date;
}

interface ConsentDetails {
  type?: string;
  id?: string;
  from?: string;
  to?: string;
  consentRights?: { resource?: { value?: string }[]; metadata?: Record<string, string> }[];
}

const refuse = (why: string): never => {
  throw new EvidenceRefused(`The consent token was refused: ${why}.`);
};

/** Verifies a hub consent token offline; returns the consent and token ids, or throws EvidenceRefused naming what is off. */
export async function verifyConsentToken(token: string, expect: ConsentExpectation): Promise<{ consentId: string; jti: string }> {
  const audience = organizationUrn(expect.sourceOrganizationNumber);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, expect.keys, {
      issuer: expect.issuer,
      audience,
      algorithms: ['ES256'],
      typ: 'at+jwt',
      currentDate: expect.now,
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) return refuse('it has expired');
    if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey) return refuse('its signature is not the hub’s');
    if (err instanceof errors.JWTClaimValidationFailed) return refuse(`claim ${err.claim} does not hold (${err.reason})`);
    return refuse(err instanceof Error ? err.message : String(err));
  }
  const details = (payload.authorization_details as ConsentDetails[] | undefined)?.[0];
  if (!details || details.type !== 'urn:altinn:consent' || !details.id) return refuse('it carries no urn:altinn:consent details');
  if (details.from !== expect.subjectUrn) return refuse(`it is consent from ${details.from}, not from ${expect.subjectUrn}`);
  if (details.to !== expect.requestorUrn) return refuse(`it is consent to ${details.to}, not to ${expect.requestorUrn}`);
  const right = details.consentRights?.find((r) => r.resource?.some((x) => x.value === expect.resource));
  if (!right) return refuse(`it does not cover ${expect.resource}`);
  for (const [key, value] of Object.entries(right.metadata ?? {})) {
    if (String(expect.parameters[key]) !== value) return refuse(`it covers ${key} ${value}, not ${String(expect.parameters[key])}`);
  }
  if (typeof payload.jti !== 'string') return refuse('it has no jti');
  return { consentId: details.id, jti: payload.jti };
}
