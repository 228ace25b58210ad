import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

/** The token does not hold for this request: the source answers with `message` and delivers nothing. */
export class ConsentRefused extends Error {
  override name = 'ConsentRefused';
}

export const organizationUrn = (organizationNumber: string) => `urn:altinn:organization:identifier-no:${organizationNumber}`;

const keysByUrl = new Map<string, JWTVerifyGetKey>();

/**
 * The hub's published keys, fetched and cached by jose as any outside data source would (refetched when a token names
 * an unknown kid); one set per hub address.
 */
export function hubKeys(hubUrl: string, timeoutMs = 3000): JWTVerifyGetKey {
  const url = `${hubUrl}/.well-known/jwks.json`;
  let keys = keysByUrl.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), { timeoutDuration: timeoutMs, cooldownDuration: 1000 });
    keysByUrl.set(url, keys);
  }
  return keys;
}

export interface ConsentExpectation {
  keys: JWTVerifyGetKey;
  issuer: string;
  /** The verifying source's organisation number: its URN must be in `aud`. */
  sourceOrganizationNumber: string;
  /** Whose data is asked for (`sub` and the consent's `from`). */
  subjectUrn: string;
  /** Who asks (the consent's `to`). */
  requestorUrn: string;
  /** The resource the consent must cover. */
  resource: string;
  /** The requested parameters; each one the consent's metadata names must match (inntektsaar). */
  parameters: Record<string, unknown>;
  /** The time to check expiry against (now by default). */
  now?: Date;
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

/** The token's signature and claims: ES256, at+jwt, the hub as issuer, this source in the audience, not expired. */
async function verifiedPayload(token: string, expect: ConsentExpectation): Promise<Record<string, unknown>> {
  try {
    const { payload } = await jwtVerify(token, expect.keys, {
      issuer: expect.issuer,
      audience: organizationUrn(expect.sourceOrganizationNumber),
      algorithms: ['ES256'],
      typ: 'at+jwt',
      requiredClaims: ['exp', 'jti', 'sub'],
      ...(expect.now ? { currentDate: expect.now } : {}),
    });
    return payload;
  } catch (err) {
    if (err instanceof errors.JWTExpired) return refuse('it has expired');
    if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey)
      return refuse('its signature is not the hub’s');
    if (err instanceof errors.JWTClaimValidationFailed) return refuse(`claim ${err.claim} does not hold (${err.reason})`);
    // The hub's keys could not be fetched in time: a failure to try again, not a verdict on the token.
    if (err instanceof errors.JOSEError && !(err instanceof errors.JWKSTimeout)) return refuse(err.message);
    throw err;
  }
}

/**
 * Verifies a hub consent token offline and checks that it is consent from this subject to this requestor for this
 * resource and metadata. Returns the consent and token ids to report to the hub before delivery, or throws
 * ConsentRefused naming what is off.
 */
export async function verifyConsentToken(token: string, expect: ConsentExpectation): Promise<{ consentId: string; jti: string }> {
  const payload = await verifiedPayload(token, expect);
  const details = (payload.authorization_details as ConsentDetails[] | undefined)?.find((d) => d.type === 'urn:altinn:consent');
  if (!details?.id) return refuse('it carries no urn:altinn:consent details');
  if (payload.sub !== expect.subjectUrn || details.from !== expect.subjectUrn)
    return refuse(`it is consent from ${details.from}, not from ${expect.subjectUrn}`);
  if (details.to !== expect.requestorUrn) return refuse(`it is consent to ${details.to}, not to ${expect.requestorUrn}`);
  const right = details.consentRights?.find((r) => r.resource?.some((x) => x.value === expect.resource));
  if (!right) return refuse(`it does not cover ${expect.resource}`);
  for (const [key, value] of Object.entries(right.metadata ?? {})) {
    if (String(expect.parameters[key]) !== value) return refuse(`it covers ${key} ${value}, not ${String(expect.parameters[key])}`);
  }
  return { consentId: details.id, jti: payload.jti as string };
}
