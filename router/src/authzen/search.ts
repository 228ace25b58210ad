import type { z } from 'zod';
import { AUTHORIZE, checkSubjectType, toAuthorizeRequest, type GraphDecision } from './evaluation';
import { AuthZenError } from './errors';
import type { GraphCall } from './graph';
import { pageOf, searchKey } from './paging';
import { RESOURCE_TYPE, type ActionSearchRequest, type ResourceSearchRequest, type SubjectSearchRequest } from './shapes';

type Reasons = Pick<GraphDecision, 'reasons' | 'obligations'>;

const SUBJECTS = /* GraphQL */ `
  query AuthZenSubjectSearch($party: String!, $resource: String!, $action: String!) {
    authorizedSubjects(party: $party, resource: $resource, action: $action) {
      subject { urn type } reasons { source via } obligations { minimumAuthenticationLevel }
    }
  }`;
const OWN_RESOURCES = /* GraphQL */ `query AuthZenOwnResources { me { urn } resources { id actions owner { urn } } }`;
const RESOURCES = /* GraphQL */ `
  query AuthZenResourceSearch($subject: String!, $action: String!, $resources: [String!]!) {
    authorizedResources(subject: $subject, action: $action, resources: $resources) {
      party { urn } resource reasons { source via } obligations { minimumAuthenticationLevel }
    }
  }`;
const ACTIONS = /* GraphQL */ `query AuthZenActions($id: String!) { resource(id: $id) { actions } }`;

/** AuthZEN §8.4: who may perform the action on the resource for the party (persons by uuid URN unless the caller may see the number). */
export async function searchSubjects(call: GraphCall, request: z.infer<typeof SubjectSearchRequest>) {
  const { authorizedSubjects } = await call<{ authorizedSubjects: ({ subject: { urn: string; type: string } } & Reasons)[] }>(SUBJECTS, {
    party: request.resource.properties.party,
    resource: request.resource.id,
    action: request.action.name,
  });
  const subjects = authorizedSubjects
    .filter((s) => s.subject.type.toLowerCase() === request.subject.type)
    .map((s) => ({ type: request.subject.type, id: s.subject.urn, properties: { reasons: s.reasons, obligations: s.obligations } }));
  return pageOf(subjects, request.page, searchKey(request));
}

/**
 * AuthZEN §8.5: for which parties the subject may perform the action on the resource (`resource.id`), or on any of the
 * caller's own resources that have the action: the subject's authorized parties, itself included.
 */
export async function searchResources(call: GraphCall, request: z.infer<typeof ResourceSearchRequest>) {
  checkSubjectType(request.subject, '');
  let ids = request.resource.id ? [request.resource.id] : [];
  if (!request.resource.id) {
    const own = await call<{ me: { urn: string } | null; resources: { id: string; actions: string[]; owner: { urn: string } }[] }>(OWN_RESOURCES, {});
    ids = own.resources.filter((r) => r.owner.urn === own.me?.urn && r.actions.includes(request.action.name)).map((r) => r.id);
  }
  const { authorizedResources } = ids.length
    ? await call<{ authorizedResources: ({ party: { urn: string }; resource: string } & Reasons)[] }>(RESOURCES, {
        subject: request.subject.id,
        action: request.action.name,
        resources: ids,
      })
    : { authorizedResources: [] };
  const resources = authorizedResources.map((r) => ({
    type: RESOURCE_TYPE,
    id: r.resource,
    properties: { party: r.party.urn, reasons: r.reasons, obligations: r.obligations },
  }));
  return pageOf(resources, request.page, searchKey(request));
}

/** AuthZEN §8.6: which of the resource's actions the subject may perform for the party: one `authorize` batch. */
export async function searchActions(call: GraphCall, request: z.infer<typeof ActionSearchRequest>) {
  const { resource } = await call<{ resource: { actions: string[] } | null }>(ACTIONS, { id: request.resource.id });
  if (!resource) throw new AuthZenError(400, `resource.id: no resource ${request.resource.id}`);
  const requests = resource.actions.map((name) => toAuthorizeRequest({ ...request, action: { name } }, ''));
  const { authorize } = requests.length ? await call<{ authorize: GraphDecision[] }>(AUTHORIZE, { requests }) : { authorize: [] };
  const actions = resource.actions.flatMap((name, i) =>
    authorize[i]!.decision === 'PERMIT' ? [{ name, properties: { reasons: authorize[i]!.reasons, obligations: authorize[i]!.obligations } }] : [],
  );
  return pageOf(actions, request.page, searchKey(request));
}
