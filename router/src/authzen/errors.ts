import type { z } from 'zod';

/** A refusal with the status the AuthZEN specification gives it (400, 401, 403; 503 when a subgraph is down). */
export class AuthZenError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A zod failure as a 400 naming the first problem's path, as the graph names its fields. */
export function invalidRequest(error: z.ZodError): AuthZenError {
  const issue = error.issues[0]!;
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return new AuthZenError(400, `${path || 'body'}: ${issue.message}`);
}

/** The graph's error codes as AuthZEN status codes. */
export function statusOf(code: string | undefined): number {
  switch (code) {
    case 'BAD_USER_INPUT':
    case 'BAD_REQUEST':
    case 'LIMIT_EXCEEDED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'UNAVAILABLE':
    case 'GATEWAY_TIMEOUT':
      return 503;
    default:
      return 500;
  }
}
