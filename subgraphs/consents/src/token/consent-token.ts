import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { SIGNING_ALG, type ActiveKey } from './signing-keys';

export const CONSENT_DETAILS_TYPE = 'urn:altinn:consent';

export interface ConsentTokenContent {
  consentId: string;
  /** Party URNs. */
  from: string;
  to: string;
  handledBy: string | null;
  /** When the consent was given, and until when it holds. */
  consented: Date;
  validTo: Date;
  /** `actions`: what each right lets the recipient do (`consent`, or acts such as `sign`). */
  rights: { resource: string; actions: string[]; metadata: Record<string, string> }[];
  /** Organisation URNs of the data sources (resource owners): the token's audience. */
  audience: string[];
  /** The recipient's client id (or its organisation URN when it has none). */
  clientId: string;
}

/**
 * A self-contained consent token: RFC 9068 access-token claims plus RFC 9396 `authorization_details` of type
 * `urn:altinn:consent`, as Altinn 3 issues them. `exp` is at most `ttlSeconds` ahead and never past `validTo`.
 */
export async function signConsentToken(
  key: ActiveKey,
  issuer: string,
  content: ConsentTokenContent,
  ttlSeconds: number,
  now: Date,
  /** Chosen before signing when the token's rights are claimed for it. */
  jti: string = randomUUID(),
): Promise<{ token: string; jti: string; expiresAt: Date }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = Math.min(iat + ttlSeconds, Math.floor(content.validTo.getTime() / 1000));
  const token = await new SignJWT({
    client_id: content.clientId,
    authorization_details: [
      {
        type: CONSENT_DETAILS_TYPE,
        id: content.consentId,
        from: content.from,
        to: content.to,
        ...(content.handledBy ? { handledBy: content.handledBy } : {}),
        consented: content.consented.toISOString(),
        validTo: content.validTo.toISOString(),
        consentRights: content.rights.map((r) => ({
          action: r.actions,
          resource: [{ type: 'urn:altinn:resource', value: r.resource }],
          metadata: r.metadata,
        })),
      },
    ],
  })
    .setProtectedHeader({ alg: SIGNING_ALG, typ: 'at+jwt', kid: key.kid })
    .setIssuer(issuer)
    .setAudience(content.audience)
    .setSubject(content.from)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key.privateKey);
  return { token, jti, expiresAt: new Date(exp * 1000) };
}
