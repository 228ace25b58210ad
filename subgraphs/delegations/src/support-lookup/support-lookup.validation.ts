import { z } from 'zod';
import { badInput } from '@hub/kit';

/** A support case number: the year, a dash, the case's serial number (at least four digits), e.g. 2026-1234. */
export const CASE_NUMBER = /^(19|20)\d{2}-\d{4,8}$/;

/** The longest free text support may give with a case number. */
export const MAX_REASON_LENGTH = 500;

const LookupReason = z.object({
  caseNumber: z.string().trim().regex(CASE_NUMBER),
  reason: z
    .string()
    .trim()
    .max(MAX_REASON_LENGTH)
    .nullish()
    .transform((r) => r || null),
});

export type LookupReason = z.output<typeof LookupReason>;

/** The stated reason of a lookup; without a well-formed case number BAD_USER_INPUT on `caseNumber`, nothing read or logged. */
export function parseLookupReason(args: { caseNumber: string; reason?: string | null }): LookupReason {
  const parsed = LookupReason.safeParse(args);
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]!.path[0]);
  throw field === 'reason'
    ? badInput('reason', `at most ${MAX_REASON_LENGTH} characters`)
    : badInput('caseNumber', 'a support lookup needs the case it is made for, as YYYY-NNNN (e.g. 2026-1234)');
}
