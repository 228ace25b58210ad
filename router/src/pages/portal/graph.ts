// The access pages' calls to the graph, as any frontend makes them: one named operation of a `.graphql` document
// kept beside the page, in the login session (its cookie is httpOnly; no token in the browser's storage).
import { SESSION_EXPECTED_HEADER } from '../client/page-data';

export interface GraphError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

export interface GraphResult<T> {
  data?: T | null;
  errors?: GraphError[];
}

/** Sends the person to the login, to come back to this page. */
export function goToLogin(): void {
  location.replace(`/auth/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

/**
 * Runs `operationName` of `document`. A session that ended (401) sends the person to log in again and never
 * resolves: the page shows nothing it cannot vouch for.
 */
export async function runOperation<T>(document: string, operationName: string, variables: Record<string, unknown>): Promise<GraphResult<T>> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SESSION_EXPECTED_HEADER]: '1' },
    credentials: 'same-origin',
    body: JSON.stringify({ query: document, operationName, variables }),
  });
  if (res.status === 401) {
    goToLogin();
    return new Promise(() => {});
  }
  return (await res.json()) as GraphResult<T>;
}

/** The error codes of the errors at `field` (a top-level path segment under the data, e.g. `accessOverview`). */
export const errorsAt = (result: GraphResult<unknown>, field: string): string[] =>
  (result.errors ?? []).filter((e) => e.path?.includes(field)).map((e) => e.extensions?.code ?? 'ERROR');
