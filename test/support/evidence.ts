import type { TestStack } from './stack';

/** Registered for banken-system (story `clients[].redirectUris`). */
export const CONSENT_REDIRECT = 'https://banken.example/samtykke/retur';

export const EVIDENCE_CODES = /* GraphQL */ `
  query EvidenceCodes($serviceContext: String) {
    evidenceCodes(serviceContext: $serviceContext) { name requirement source { urn name } values { name type } parameters { name type required } }
  }`;
export const CREATE_ACCREDITATION = /* GraphQL */ `
  mutation CreateAccreditation($input: CreateAccreditationInput!) {
    createAccreditation(input: $input) {
      id
      subject { urn }
      evidence { code status }
      consentRequest { id viewUrl status }
      consentRequests { id status }
    }
  }`;
export const HARVEST = /* GraphQL */ `
  query HarvestEvidence($id: ID!, $code: String) {
    accreditation(id: $id) {
      id
      evidence(code: $code) { code status reason retryAt harvestedAt values { name type value } }
    }
  }`;
export const STATUSES = /* GraphQL */ `
  query Statuses($id: ID!) { accreditation(id: $id) { evidence { code status reason } } }`;
export const MY_RETRIEVALS = /* GraphQL */ `
  query MyRetrievals { me { evidenceRetrievals { code status at requestor { urn name } accreditationId } accreditationsAboutMe { id requestor { name } } } }`;

/** The sbl accreditation of the issue: BANKEN asks about HÅKON for income 2024, student loan and AAP/uføretrygd. */
export const sblInput = (subject: string) => ({
  subject,
  serviceContext: 'sbl',
  consentRedirectUrl: CONSENT_REDIRECT,
  evidenceCodes: [{ code: 'SummertSkattegrunnlag', parameters: { inntektsaar: 2024 } }, { code: 'StudielanSaldo' }, { code: 'AapUforetrygd' }],
});

/** Creates an accreditation; fails loudly on errors. */
export async function accredit(stack: TestStack, input: Record<string, unknown>, token: string) {
  const { body } = await stack.graphql(CREATE_ACCREDITATION, { input }, token);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.createAccreditation as {
    id: string;
    evidence: { code: string; status: string }[];
    consentRequest: { id: string; viewUrl: string; status: string } | null;
    consentRequests: { id: string; status: string }[];
  };
}

export const byCode = <T extends { code: string }>(list: T[]) => Object.fromEntries(list.map((e) => [e.code, e]));
