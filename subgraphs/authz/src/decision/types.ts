/** "May subject S perform action A on resource R for party P?" — ids already resolved from URNs. */
export interface DecisionRequest {
  subjectId: string;
  partyId: string;
  resourceId: string;
  action: string;
  /** The one instance of the resource asked about (a form's id), when the question is about one. */
  instance?: string | null;
}

export type DecisionValue = 'PERMIT' | 'DENY' | 'NOT_APPLICABLE' | 'INDETERMINATE';
export type ReasonSource = 'ROLE' | 'ACCESS_PACKAGE' | 'DELEGATION' | 'POWER_OF_ATTORNEY' | 'CONSENT';

/** One path that gave a PERMIT: the role or package urn, the delegation, power of attorney or consent id. */
export interface Reason {
  source: ReasonSource;
  via: string;
  /** For a power of attorney: the area's package urn (`via` is the power of attorney's id). */
  area?: string;
}

export interface Decision {
  decision: DecisionValue;
  reasons: Reason[];
  obligations: { minimumAuthenticationLevel: number | null };
}
