import { callSubgraph, DEFAULT_SUBGRAPH_TIMEOUT_MS, hubError, isErrorCode, organizationClaims, type HubSettings } from '@hub/kit';

/** A failed call to consents: its error with the same code (messages there say what to change), or a plain failure. */
export class ConsentsCallError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    /** The input field consents named (`input.redirectUrl`), if any. */
    readonly field?: string,
  ) {
    super(message);
  }
  /** Consents could not answer (down, too slow, failing): worth trying again later, not a refusal. */
  get unavailable(): boolean {
    return this.code === undefined || this.code === 'UNAVAILABLE' || this.code === 'INTERNAL' || this.code === 'GATEWAY_TIMEOUT';
  }
  /** `fields` maps consents' input fields to the caller's (input.redirectUrl → input.consentRedirectUrl). */
  toGraphQLError(fields: Record<string, string> = {}) {
    if (!isErrorCode(this.code) || this.code === 'INTERNAL') return this;
    const field = this.field && fields[this.field];
    if (field) return hubError(this.code, `${field}: ${this.message.replace(`${this.field}: `, '')}`, { field });
    return hubError(this.code, `Consent request: ${this.message}`);
  }
}

async function call<T>(
  hub: HubSettings,
  query: string,
  variables: Record<string, unknown>,
  viewerClaims: Record<string, unknown>,
  requestId?: string,
  timeoutMs?: number,
): Promise<T> {
  const url = hub.subgraphUrl('consents');
  if (!url) throw new Error('no consents subgraph URL');
  let res: Awaited<ReturnType<typeof callSubgraph<T>>>;
  try {
    res = await callSubgraph<T>(url, hub.signingSecret, { query, variables, viewerClaims, requestId, timeoutMs });
  } catch (err) {
    // Down, hanging past the budget, or not answering GraphQL: consents is unavailable, which is not a refusal.
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new ConsentsCallError(
      timedOut
        ? `The consents service did not answer within ${timeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS} ms.`
        : 'The consents service could not be reached.',
      'UNAVAILABLE',
    );
  }
  const err = res.errors?.[0];
  if (err) throw new ConsentsCallError(err.message, err.extensions?.code, err.extensions?.field);
  return res.data!;
}

export interface AsRequestor {
  hub: HubSettings;
  organizationNumber: string;
  clientId: string | null;
  requestId?: string;
}

/** createConsentRequest as the requestor organisation; returns the new request's id. */
export async function createConsentRequest(
  as: AsRequestor,
  input: {
    from: string;
    validTo: Date;
    redirectUrl: string;
    requestMessage: string;
    rights: { resource: string; metadata: Record<string, string> }[];
    jointly?: boolean;
  },
): Promise<string> {
  const data = await call<{ createConsentRequest: { id: string } }>(
    as.hub,
    'mutation($i: CreateConsentRequestInput!) { createConsentRequest(input: $i) { id } }',
    { i: { ...input, validTo: input.validTo.toISOString() } },
    organizationClaims(as.organizationNumber, 'altinn:consentrequests.write', as.clientId),
    as.requestId,
  );
  return data.createConsentRequest.id;
}

/**
 * issueConsentToken by consent id as the requestor: the same issuance path and checks as a bank's. `resources` narrows
 * the token to the rights about to be used (a one-time right goes into one token only); `timeoutMs` bounds the call
 * (the evidence source budget): past it, or with consents down, the error is `unavailable`.
 */
export async function issueConsentToken(
  as: AsRequestor,
  consentId: string,
  { resources, timeoutMs }: { resources?: string[]; timeoutMs?: number } = {},
): Promise<string> {
  const data = await call<{ issueConsentToken: { accessToken: string } }>(
    as.hub,
    'mutation($i: IssueConsentTokenInput!) { issueConsentToken(input: $i) { accessToken } }',
    { i: resources ? { consentId, resources } : { consentId } },
    organizationClaims(as.organizationNumber, '', as.clientId),
    as.requestId,
    timeoutMs,
  );
  return data.issueConsentToken.accessToken;
}
