/** The mutation a source sends to the hub before it delivers under a consent. */
export const REPORT_USE_QUERY =
  'mutation($id: ID!, $jti: String, $resource: String) { reportConsentUse(consentId: $id, jti: $jti, resource: $resource) { id } }';

export interface ConsentUse {
  consentId: string;
  jti: string;
  resource: string;
}

export const reportUseVariables = (use: ConsentUse) => ({ id: use.consentId, jti: use.jti, resource: use.resource });

/** Answers the hub gives when it says no: the source must not deliver. Anything else is a failure to try again. */
const REFUSALS = new Set(['CONFLICT', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND']);

/** Whether a GraphQL error code from the hub is its no to a use (as opposed to a failure worth retrying). */
export const isUseRefusal = (code: unknown): boolean => typeof code === 'string' && REFUSALS.has(code);
