import type { Decision } from './types';

/**
 * Applies a decision's obligation to the viewer's own login: a PERMIT for a resource that needs a higher
 * authentication level than the viewer logged in with is a DENY. Only for decisions about the viewer itself
 * (who else's login level would the hub know?); others carry the obligation for the caller to enforce.
 */
export function enforceAuthenticationLevel(decision: Decision, authenticationLevel: number): Decision {
  const needed = decision.obligations.minimumAuthenticationLevel ?? 0;
  if (decision.decision !== 'PERMIT' || needed <= authenticationLevel) return decision;
  return { ...decision, decision: 'DENY', reasons: [] };
}
