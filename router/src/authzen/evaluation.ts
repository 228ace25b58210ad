import type { GraphCall } from './graph';
import { AuthZenError } from './errors';
import type { Semantic } from './shapes';

/** One question, every part present (after the batch's defaults were applied). */
export interface Evaluation {
  subject: { type: 'person' | 'organization'; id: string };
  action: { name: string };
  resource: { id: string; properties: { party: string; instance?: string } };
}

/** What `authorize` answers, one per request. */
export interface GraphDecision {
  decision: 'PERMIT' | 'DENY' | 'NOT_APPLICABLE' | 'INDETERMINATE';
  reasons: { source: string; via: string }[];
  obligations: { minimumAuthenticationLevel: number | null };
}

/** AuthZEN §6.2: a boolean, and in the context what `authorize` said: its outcome, the paths and the obligations. */
export interface AuthZenDecision {
  decision: boolean;
  /** `authorize`'s answer; or, for an evaluation of a batch that could not be asked, only `error`. */
  context: (GraphDecision & { reason_admin?: { en: string } }) | { error: { status: number; message: string } };
}

export const AUTHORIZE = /* GraphQL */ `
  query AuthZenEvaluations($requests: [AuthorizationRequestInput!]!) {
    authorize(requests: $requests) { decision reasons { source via } obligations { minimumAuthenticationLevel } }
  }`;

const WHY_NOT: Record<Exclude<GraphDecision['decision'], 'PERMIT'>, string> = {
  DENY: 'No role, access package, delegation or consent gives the subject this action on the resource for the party.',
  NOT_APPLICABLE: 'The resource’s policy says nothing about this action.',
  INDETERMINATE: 'The subject or the party is not in the registers.',
};

/** A person URN given as an organisation subject, or the reverse, is refused (a uuid URN may be either). */
export function checkSubjectType(subject: Evaluation['subject'], field: string): void {
  const kind = /^urn:altinn:(person|organization):/.exec(subject.id)?.[1];
  if (kind && kind !== subject.type) throw new AuthZenError(400, `${field}subject.type: ${subject.id} names a ${kind}, not a ${subject.type}`);
}

/** The hub's question for one evaluation: the URNs as given. */
export function toAuthorizeRequest(e: Evaluation, field: string) {
  checkSubjectType(e.subject, field);
  const { party, instance } = e.resource.properties;
  return { subject: e.subject.id, party, resource: e.resource.id, action: e.action.name, ...(instance === undefined ? {} : { instance }) };
}

/** NotApplicable and Indeterminate are no PERMIT: false, with the reason in the context. */
export function toAuthZen(d: GraphDecision): AuthZenDecision {
  if (d.decision === 'PERMIT') return { decision: true, context: d };
  return { decision: false, context: { ...d, reason_admin: { en: WHY_NOT[d.decision] } } };
}

/** Where a batch stops (AuthZEN §7.1): after the first deny, or the first permit; execute_all answers every one. */
export function shortCircuit(answers: AuthZenDecision[], semantic: Semantic): AuthZenDecision[] {
  if (semantic === 'execute_all') return answers;
  const stopAt = answers.findIndex((a) => a.decision === (semantic === 'permit_on_first_permit'));
  return stopAt < 0 ? answers : answers.slice(0, stopAt + 1);
}

/** One evaluation (AuthZEN §6): one `authorize` request; anything malformed is a 400 naming the field. */
export async function evaluateOne(call: GraphCall, evaluation: Evaluation): Promise<AuthZenDecision> {
  const { authorize } = await call<{ authorize: GraphDecision[] }>(AUTHORIZE, { requests: [toAuthorizeRequest(evaluation, '')] });
  return toAuthZen(authorize[0]!);
}

/** The graph's field names in an error message, as the AuthZEN request names them. */
export function renameFields(message: string, fieldOf: (i: number) => string): string {
  const names: Record<string, string> = {
    subject: 'subject.id',
    party: 'resource.properties.party',
    resource: 'resource.id',
    action: 'action.name',
    instance: 'resource.properties.instance',
  };
  return message.replace(
    /requests\[(\d+)\]\.(subject|party|resource|action|instance)/g,
    (_m, i: string, f: string) => `${fieldOf(Number(i))}${names[f]}`,
  );
}
