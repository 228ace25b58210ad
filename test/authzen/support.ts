import { organizationUrn, personUrn, storyParty } from '@hub/db';
import { partyUuid } from '../support/story-ids';
import type { TestStack } from '../support/stack';

/** A story party's URN by key, as its register number. */
export const urn = (key: string) => {
  const p = storyParty(key);
  return 'nationalIdentityNumber' in p ? personUrn(p.nationalIdentityNumber) : organizationUrn(p.organizationNumber);
};
/** How the graph names a person to someone who may not act for them. */
export const uuidUrn = (key: string) => {
  const p = storyParty(key);
  return `urn:altinn:party:uuid:${partyUuid('nationalIdentityNumber' in p ? p.nationalIdentityNumber : p.organizationNumber)}`;
};
const typeOf = (key: string) => ('nationalIdentityNumber' in storyParty(key) ? 'person' : 'organization');

/** An AuthZEN evaluation in the story's terms: may `subject` `action` on `resource` for `party`? */
export const evaluation = (subject: string, party: string, action: string, resource = 'ske-mva-melding') => ({
  subject: { type: typeOf(subject), id: urn(subject) },
  action: { name: action },
  resource: { type: 'urn:altinn:resource', id: resource, properties: { party: urn(party) } },
});

/** POSTs to an AuthZEN endpoint as a gateway would: plain HTTP, a bearer token, JSON. */
export async function authzen(stack: TestStack, path: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, stack.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

export const AUTHORIZE = /* GraphQL */ `
  query Authorize($requests: [AuthorizationRequestInput!]!) {
    authorize(requests: $requests) { decision reasons { source via } obligations { minimumAuthenticationLevel } }
  }`;
