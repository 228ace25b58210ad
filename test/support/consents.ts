import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import jsonwebtoken from 'jsonwebtoken';
import { completeOrganizationNumber, story } from '@hub/db';
import type { GraphQLBody, TestStack } from './stack';
import { contractOperation } from './contract';

export const personUrn = (pid: string) => `urn:altinn:person:identifier-no:${pid}`;
export const orgUrn = (orgNo: string) => `urn:altinn:organization:identifier-no:${orgNo}`;

/** Story parties by key, as URNs. */
export const URN = {
  hakon: personUrn('12888510018'),
  kari: personUrn('17857210042'),
  emma: personUrn('09921550062'),
  astrid: personUrn('28834411409'),
  arian: personUrn('03849010726'),
  siri: personUrn('25890150058'),
  banken: orgUrn('310000108'),
  finansiering: orgUrn('310000205'),
  tranabygg: orgUrn('310000507'),
  skatteetaten: orgUrn('310000701'),
  lanekassen: orgUrn('310000809'),
  digdir: orgUrn('310001201'),
} as const;

/** A valid organisation number that is not in the story (so: no such party). */
export function unknownOrganizationNumber(): string {
  const known = new Set(story.organizations.map((o) => o.organizationNumber));
  for (let n = 39_000_000; ; n++) {
    const candidate = completeOrganizationNumber(String(n));
    if (candidate && !known.has(candidate)) return candidate;
  }
}

/** An RFC 7636 S256 pair. */
export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

export const CREATE = /* GraphQL */ `
  mutation CreateConsentRequest($input: CreateConsentRequestInput!) {
    createConsentRequest(input: $input) {
      id status viewUrl validTo oneTimeConsent from { urn } to { urn } rights { resource { id } action metadata }
    }
  }`;
export const READ = /* GraphQL */ `
  query ConsentRequest($id: ID!) {
    consentRequest(id: $id) {
      id status events { type at performedBy { urn } }
      template { id title { nb en } renderedText(lang: "nb") en: renderedText(lang: "en") }
      receipt { acceptedAt textShown body sha256 }
    }
  }`;
export const ACCEPT = contractOperation('AcceptConsentRequest');
export const REJECT = contractOperation('RejectConsentRequest');
export const REVOKE = contractOperation('RevokeConsent');
export const ISSUE = contractOperation('IssueConsentToken');
export const REPORT_USE = /* GraphQL */ `
  mutation ReportConsentUse($consentId: ID!, $jti: String) { reportConsentUse(consentId: $consentId, jti: $jti) { id status } }`;
export const MY_CONSENTS = contractOperation('MyConsents');
export const FEED = /* GraphQL */ `
  query Feed($after: String, $first: Int) {
    consentEventFeed(after: $after, first: $first) {
      edges { cursor node { type at consent { id } } }
      pageInfo { endCursor hasNextPage }
    }
  }`;

/** The first error's code and field, or undefined. */
export const errorOf = (body: GraphQLBody<unknown>) => {
  const e = body.errors?.[0];
  return e && { code: e.extensions?.code, field: e.extensions?.field as string | undefined, message: e.message };
};

/** Tokens of the story's actors, fetched once per stack. */
export async function storyTokens(stack: TestStack) {
  const [banken, finansiering, lanekassen, skatteetaten, hakon, kari, arian, siri, emma] = await Promise.all([
    stack.token({ client: 'banken-system' }),
    stack.token({ client: 'finansiering-system' }),
    stack.token({ org: '310000809', scope: '' }),
    stack.token({ client: 'skatteetaten-system' }),
    stack.personToken('hakon'),
    stack.personToken('kari'),
    stack.personToken('arian'),
    stack.personToken('siri'),
    stack.personToken('emma'),
  ]);
  return { banken, finansiering, lanekassen, skatteetaten, hakon, kari, arian, siri, emma };
}

/** Verifies a consent token as an outside data source would: jsonwebtoken (not jose, which signed it) and a JWK Set. */
export function verifyConsentToken(token: string, jwks: { kid?: string }[], options: { issuer: string; audience: string }) {
  const { header } = jsonwebtoken.decode(token, { complete: true })!;
  const jwk = jwks.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error(`no key ${header.kid} in the JWK Set`);
  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  return jsonwebtoken.verify(token, key, { algorithms: ['ES256'], ...options }) as jsonwebtoken.JwtPayload;
}
