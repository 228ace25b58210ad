import { z } from 'zod';
import { badInput, forbidden, requireOrganization, requirePartyByUrn, type SubgraphContext } from '@hub/kit';
import { canonicalJson, sha256Hex } from '../canonical-json';
import { checkRedirect } from '../client/redirect-uris';
import { isUuid } from '../ids';
import type { Loaders } from '../loaders';
import type { CreateConsentRequestInput } from './create.input';

type Context = SubgraphContext<Loaders>;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Absolute https, or http to the caller's own machine (development); no fragment, as OAuth redirect URIs. */
export function isAllowedRedirect(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  return secure && !url.hash && !value.includes('#') && !url.username && !url.password;
}

const MetadataValue = z.union([z.string().max(200), z.number().finite()], { error: 'values must be strings or numbers (at most 200 characters)' });

const Shape = z.object({
  id: z.string().refine(isUuid, 'must be a UUID').nullish(),
  from: z.string({ error: 'is required' }),
  validTo: z.date({ error: 'must be a date-time' }),
  rights: z
    .array(
      z.object({
        resource: z.string().min(1, 'is required').max(200, 'is too long'),
        metadata: z.record(z.string(), MetadataValue, { error: 'must be an object of metadata keys and values' }).nullish(),
        actions: z
          .array(z.string().regex(/^[a-z][a-z-]{0,39}$/, 'must be an action name such as sign or submit'))
          .min(1, 'name at least one action, or leave it out')
          .max(10, 'at most 10 actions')
          .nullish(),
      }),
    )
    .min(1, 'list at least one right')
    .max(50, 'at most 50 rights'),
  redirectUrl: z
    .string()
    .max(2000, 'at most 2000 characters')
    .refine(isAllowedRedirect, 'must be an absolute https URL without a fragment (http only for localhost and 127.0.0.1)'),
  requestMessage: z.string().max(1000, 'at most 1000 characters').nullish(),
  requiredDelegator: z.string().nullish(),
  jointly: z.boolean().nullish(),
  handledBy: z.string().nullish(),
  codeChallenge: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a PKCE S256 challenge: BASE64URL(SHA256(verifier)), 43 characters')
    .nullish(),
});

/** The input in one form: metadata values as strings, absent optionals as null. Hashing this makes replays comparable. */
export interface ShapedInput {
  id: string | null;
  from: string;
  validTo: Date;
  /** `actions` only when other than the default ["consent"], so that the hash of a request without acts stays as it was. */
  rights: { resource: string; metadata: Record<string, string>; actions?: string[] }[];
  redirectUrl: string;
  requestMessage: string | null;
  requiredDelegator: string | null;
  /** Absent from the hash when false, so that requests made before it existed still replay. */
  jointly?: true;
  handledBy: string | null;
  codeChallenge: string | null;
}

const pathOf = (path: readonly PropertyKey[]) =>
  path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), 'input');

/** The checks that need no database; the first problem is BAD_USER_INPUT naming its field (input.rights[0].metadata). */
export function shapeInput(input: CreateConsentRequestInput): ShapedInput {
  const parsed = Shape.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(pathOf(issue.path), issue.message);
  }
  const v = parsed.data;
  return {
    id: v.id?.toLowerCase() ?? null,
    from: v.from,
    validTo: v.validTo,
    rights: v.rights.map((r) => {
      const actions = [...new Set(r.actions ?? [])].sort();
      return {
        resource: r.resource,
        metadata: Object.fromEntries(Object.entries(r.metadata ?? {}).map(([k, value]) => [k, String(value)])),
        ...(actions.length && actions.join() !== 'consent' ? { actions } : {}),
      };
    }),
    redirectUrl: v.redirectUrl,
    requestMessage: v.requestMessage ?? null,
    requiredDelegator: v.requiredDelegator ?? null,
    ...(v.jointly ? { jointly: true as const } : {}),
    handledBy: v.handledBy ?? null,
    codeChallenge: v.codeChallenge ?? null,
  };
}

/** sha256 of the requester and the shaped input without its id: equal for a faithful replay, different otherwise. */
export function inputHash(requesterId: string, input: ShapedInput): string {
  const { id: _id, ...rest } = input;
  return sha256Hex(canonicalJson({ requesterId, ...rest }));
}

/** A request ready to store, every reference resolved and checked. */
export interface CheckedRequest {
  fromId: string;
  requiredDelegatorId: string | null;
  handledById: string | null;
  templateId: string;
  oneTime: boolean;
  /** Each right keeps its resource's one-time flag: one-time is a property of a right, not of the whole consent. */
  rights: { resourceId: string; action: string; actions: string[]; metadata: Record<string, string>; oneTime: boolean }[];
}

const DEFAULT_TEMPLATE = 'default';

/**
 * The checks against the registers: the redirect URL is one registered for the caller's client, parties exist,
 * resources are consent resources with one template and their metadata.
 */
export async function checkAgainstRegistry(input: ShapedInput, ctx: Context, now: Date): Promise<CheckedRequest> {
  const { parties, resources, clients } = ctx.loaders;
  const { partyId: requesterId, clientId } = requireOrganization(ctx);
  const [client, requester, from, requiredDelegator, handledBy, resourceRows] = await Promise.all([
    clientId ? clients.byId.load(clientId) : null,
    parties.byId.load(requesterId),
    requirePartyByUrn(input.from, parties, 'input.from'),
    input.requiredDelegator ? requirePartyByUrn(input.requiredDelegator, parties, 'input.requiredDelegator') : null,
    input.handledBy ? requirePartyByUrn(input.handledBy, parties, 'input.handledBy') : null,
    Promise.all(input.rights.map((r) => resources.byId.load(r.resource))),
  ]);
  if (!requester) throw forbidden('Your organisation is not in the register of parties, so it cannot ask for consent.');
  const redirect = checkRedirect(input.redirectUrl, clientId, client, requesterId);
  if (!redirect.ok) throw badInput('input.redirectUrl', redirect.problem);
  if (from.id === requesterId) throw badInput('input.from', 'must be another party than the requester');
  if (requiredDelegator && requiredDelegator.type !== 'PERSON') throw badInput('input.requiredDelegator', 'must be a person');
  if (handledBy && handledBy.type !== 'ORGANIZATION') throw badInput('input.handledBy', 'must be an organisation');
  if (input.validTo <= now) throw badInput('input.validTo', 'must be in the future');

  const templates = new Map<string, string>();
  const rights = input.rights.map((right, i) => {
    const field = `input.rights[${i}]`;
    const resource = resourceRows[i];
    if (!resource) throw badInput(`${field}.resource`, `no resource ${right.resource}`);
    if (resource.type !== 'CONSENT') throw badInput(`${field}.resource`, `${resource.id} is not a consent resource (type ${resource.type})`);
    if (!resource.consentTemplate) throw badInput(`${field}.resource`, `${resource.id} has no consent template`);
    templates.set(resource.id, resource.consentTemplate);

    const expected = resource.consentMetadata ?? [];
    const given = Object.keys(right.metadata);
    const missing = expected.filter((k) => !given.includes(k));
    const unknown = given.filter((k) => !expected.includes(k));
    const takes = expected.length ? `takes ${expected.join(', ')}` : 'takes no metadata';
    if (missing.length) throw badInput(`${field}.metadata`, `${missing.join(', ')} is required (${resource.id} ${takes})`);
    if (unknown.length) throw badInput(`${field}.metadata`, `unknown key ${unknown.join(', ')} (${resource.id} ${takes})`);
    const empty = expected.find((k) => right.metadata[k]!.trim() === '');
    if (empty) throw badInput(`${field}.metadata`, `${empty} must not be empty`);
    const actions = right.actions ?? ['consent'];
    const unknownAction = actions.find((a) => !resource.actions.includes(a));
    if (unknownAction) throw badInput(`${field}.actions`, `${resource.id} has no action ${unknownAction} (it has ${resource.actions.join(', ')})`);
    if (actions.length > 1 && actions.includes('consent')) {
      throw badInput(`${field}.actions`, 'consent (fetching the data) and acts go in separate rights');
    }
    return { resourceId: resource.id, action: 'consent', actions, metadata: right.metadata, oneTime: resource.oneTimeConsent };
  });
  // The generic `default` template yields to a specific one, so that a loan application can ask for income under its
  // own text together with resources that only have the default; two specific templates never mix.
  const specific = [...new Set([...templates.values()].filter((t) => t !== DEFAULT_TEMPLATE))];
  if (specific.length > 1) {
    const uses = [...templates].map(([id, t]) => `${id} uses ${t}`).join(', ');
    throw badInput('input.rights', `all rights must share one consent template (${uses}); ask for them in separate requests`);
  }
  return {
    fromId: from.id,
    requiredDelegatorId: requiredDelegator?.id ?? null,
    handledById: handledBy?.id ?? null,
    templateId: specific[0] ?? DEFAULT_TEMPLATE,
    oneTime: rights.some((r) => r.oneTime),
    rights,
  };
}
