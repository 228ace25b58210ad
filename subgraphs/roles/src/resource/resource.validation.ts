import { z } from 'zod';
import { badInput } from '@hub/kit';

export const RESOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,62}$/;
/** The actions Altinn policies use; an owner may name others as long as they are lower-case words. */
export const KNOWN_ACTIONS = ['read', 'write', 'sign', 'consent'] as const;

const action = z
  .string()
  .max(40, 'at most 40 letters')
  .regex(/^[a-z]+$/, `must be a lower-case word such as ${KNOWN_ACTIONS.join(', ')}`);

const distinct = (list: string[], ctx: z.RefinementCtx) =>
  list.forEach((item, i) => {
    if (list.indexOf(item) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `${item} is listed twice` });
  });

const policyRule = z.object({
  subjectKind: z.enum(['ROLE', 'PACKAGE']),
  subject: z.string().trim().min(1, 'must not be empty'),
  actions: z.array(action).min(1, 'name at least one action').superRefine(distinct),
});

/** Checks that need no database; references (roles, packages, templates) are checked by `validateResourceInput`. */
export const resourceInputSchema = z
  .object({
    id: z.string().regex(RESOURCE_ID_PATTERN, 'must be 3–63 lower-case letters, digits and hyphens, starting with a letter or digit'),
    type: z.enum(['SERVICE', 'CONSENT', 'PUBLIC']),
    title: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
    actions: z
      .array(action)
      .min(1, `name at least one action (${KNOWN_ACTIONS.join(', ')} …)`)
      .superRefine(distinct),
    delegable: z.boolean(),
    minimumAuthenticationLevel: z.number().int().min(1, 'must be 1–4').max(4, 'must be 1–4').nullish(),
    consentTemplate: z.string().min(1, 'must not be empty').nullish(),
    consentMetadata: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'a metadata key is a word such as inntektsaar'))
      .superRefine(distinct)
      .nullish(),
    oneTimeConsent: z.boolean(),
    policy: z.array(policyRule),
  })
  .superRefine((r, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    r.policy.forEach((rule, i) => {
      const first = r.policy.findIndex((o) => o.subjectKind === rule.subjectKind && o.subject === rule.subject);
      if (first !== i) issue(['policy', i, 'subject'], `${rule.subject} already has a rule in policy[${first}]; put all its actions there`);
      rule.actions.forEach((a, j) => {
        if (!r.actions.includes(a)) issue(['policy', i, 'actions', j], `${a} is not one of the resource's actions (${r.actions.join(', ')})`);
      });
    });
    if (r.type === 'CONSENT') {
      if (!r.consentTemplate) issue(['consentTemplate'], 'a CONSENT resource needs a consent template');
      if (!r.actions.includes('consent')) issue(['actions'], 'a CONSENT resource must have the action consent');
    } else {
      if (r.consentTemplate != null) issue(['consentTemplate'], 'only CONSENT resources have a consent template');
      if (r.consentMetadata != null) issue(['consentMetadata'], 'only CONSENT resources carry consent metadata');
      if (r.oneTimeConsent) issue(['oneTimeConsent'], 'only CONSENT resources can be one-time');
    }
  })
  .transform((r) => ({
    ...r,
    minimumAuthenticationLevel: r.minimumAuthenticationLevel ?? null,
    consentTemplate: r.consentTemplate ?? null,
    consentMetadata: r.type === 'CONSENT' ? (r.consentMetadata ?? []) : null,
  }));

/** A resource that passed every check, ready to write. */
export type ResourceDraft = z.output<typeof resourceInputSchema>;

/** What the input may refer to; each lookup returns null when there is no such thing. */
export interface Catalogue {
  role(code: string): Promise<unknown>;
  accessPackage(urn: string): Promise<unknown>;
  consentTemplate(id: string): Promise<unknown>;
}

/** `input.policy[0].subject` for the path `['policy', 0, 'subject']`. */
export function inputField(path: readonly PropertyKey[]): string {
  return path.reduce<string>((field, key) => (typeof key === 'number' ? `${field}[${key}]` : `${field}.${String(key)}`), 'input');
}

/**
 * Validates a resource input (its id already settled by the caller) and everything it refers to. Throws
 * BAD_USER_INPUT naming the first field that is wrong.
 */
export async function validateResourceInput(input: unknown, catalogue: Catalogue): Promise<ResourceDraft> {
  const parsed = resourceInputSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw badInput(inputField(first.path), first.message);
  }
  const draft = parsed.data;
  // Every lookup at once, so that the loaders batch them into one statement per table.
  const [template, ...subjects] = await Promise.all([
    draft.consentTemplate ? catalogue.consentTemplate(draft.consentTemplate) : true,
    ...draft.policy.map((rule) => (rule.subjectKind === 'ROLE' ? catalogue.role(rule.subject) : catalogue.accessPackage(rule.subject))),
  ]);
  if (!template) throw badInput('input.consentTemplate', `no consent template ${draft.consentTemplate}`);
  subjects.forEach((found, i) => {
    const rule = draft.policy[i]!;
    if (!found) throw badInput(`input.policy[${i}].subject`, `no ${rule.subjectKind === 'ROLE' ? 'role' : 'access package'} ${rule.subject}`);
  });
  return draft;
}
