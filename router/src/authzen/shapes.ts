import { z } from 'zod';

/** The one resource type the hub decides about: a resource of the resource registry, used for a party. */
export const RESOURCE_TYPE = 'urn:altinn:resource';

/** The most evaluations one batch may carry: the same as one `authorize` call. */
export const MAX_EVALUATIONS = 1_000;

const properties = z.record(z.string(), z.unknown()).optional();
const subjectType = z.enum(['person', 'organization']);

/** AuthZEN §5.1: who asks. `id` is a party URN (person or organisation number, or `urn:altinn:party:uuid:`). */
export const Subject = z.object({ type: subjectType, id: z.string().min(1), properties });
/** AuthZEN §5.3: read, write, sign, consent … (one of the resource's actions). */
export const Action = z.object({ name: z.string().min(1), properties });
/**
 * AuthZEN §5.2: a registry resource, and in `properties.party` the URN of the party acted for; `properties.instance`
 * names the one instance asked about (a form to sign), which a consent to act that names a form needs.
 */
export const Resource = z.object({
  type: z.literal(RESOURCE_TYPE),
  id: z.string().min(1),
  properties: z.looseObject({ party: z.string().min(1), instance: z.string().min(1).max(200).optional() }),
});
const Context = z.record(z.string(), z.unknown()).optional();

export const EvaluationRequest = z.object({ subject: Subject, action: Action, resource: Resource, context: Context });

export const SEMANTICS = ['execute_all', 'deny_on_first_deny', 'permit_on_first_permit'] as const;
export type Semantic = (typeof SEMANTICS)[number];

/** AuthZEN §7: defaults at the top level, each evaluation replacing whichever of them it names. */
export const EvaluationsRequest = z.object({
  subject: Subject.optional(),
  action: Action.optional(),
  resource: Resource.optional(),
  context: Context,
  evaluations: z
    .array(z.object({ subject: Subject.optional(), action: Action.optional(), resource: Resource.optional(), context: Context }))
    .max(MAX_EVALUATIONS)
    .optional(),
  options: z.looseObject({ evaluations_semantic: z.enum(SEMANTICS).optional() }).optional(),
});

/** AuthZEN §8: a search page. `token` as the specification names it; `next_token` (as answered) is taken too. */
export const Page = z
  .object({ token: z.string().optional(), next_token: z.string().optional(), limit: z.number().int().min(1).max(MAX_EVALUATIONS).optional() })
  .optional();

export const SubjectSearchRequest = z.object({
  subject: z.object({ type: subjectType }),
  action: Action,
  resource: Resource,
  context: Context,
  page: Page,
});

export const ResourceSearchRequest = z.object({
  subject: Subject,
  action: Action,
  resource: z.object({ type: z.literal(RESOURCE_TYPE), id: z.string().min(1).optional() }),
  context: Context,
  page: Page,
});

export const ActionSearchRequest = z.object({ subject: Subject, resource: Resource, context: Context, page: Page });

export type EvaluationRequest = z.infer<typeof EvaluationRequest>;
export type EvaluationsRequest = z.infer<typeof EvaluationsRequest>;
export type PageRequest = z.infer<typeof Page>;
