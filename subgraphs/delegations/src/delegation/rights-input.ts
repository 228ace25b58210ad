import { badInput, hubError } from '@hub/kit';
import type { AccessPackageRow } from '../access-package/access-package.loader';
import type { ResourceRow } from '../resource/resource.loader';

/** What a delegation or an access request asks for: one resource's actions, or one whole package. */
export interface RightsInput {
  resource?: string | null;
  package?: string | null;
  actions?: string[] | null;
}

export interface CheckedRights {
  resource: Pick<ResourceRow, 'id' | 'actions' | 'delegable'> | null;
  package: (Pick<AccessPackageRow, 'urn' | 'delegable' | 'clientPackage'> & { powerOfAttorney?: boolean }) | null;
  /** Without repeats, in the order given; null with a package. */
  actions: string[] | null;
}

/** BAD_USER_INPUT naming the field, with the reason code `delegationCheck` gives for it. */
const notDelegable = (field: string, problem: string) => hubError('BAD_USER_INPUT', `${field}: ${problem}`, { field, reason: 'NOT_DELEGABLE' });

/**
 * Pure: checks what `input` asks for against the catalogue rows it names (`found`, null when unknown). Errors are
 * BAD_USER_INPUT naming the field under `prefix` (`input.actions[1]: ske-mva-melding has no action fly`).
 */
export function checkRights(
  input: RightsInput,
  found: { resource: CheckedRights['resource']; package: CheckedRights['package'] },
  prefix = 'input',
  options: { powerOfAttorney?: boolean } = {},
): CheckedRights {
  const field = (name: string) => `${prefix}.${name}`;
  if (input.resource != null && input.package != null) throw badInput(field('package'), 'give a resource or a package, not both');
  if (input.resource == null && input.package == null) throw badInput(field('resource'), 'give a resource or a package');

  if (input.resource != null) {
    const resource = found.resource;
    if (!resource) throw badInput(field('resource'), `no resource ${input.resource}`);
    if (!resource.delegable) throw notDelegable(field('resource'), `${resource.id} is not delegable`);
    if (!input.actions?.length) throw badInput(field('actions'), `required with a resource (one or more of ${resource.actions.join(', ')})`);
    input.actions.forEach((action, i) => {
      if (!resource.actions.includes(action)) throw badInput(`${field('actions')}[${i}]`, `${resource.id} has no action ${action}`);
    });
    return { resource, package: null, actions: [...new Set(input.actions)] };
  }

  const pkg = found.package;
  if (!pkg) throw badInput(field('package'), `no access package ${input.package}`);
  if (input.actions != null) throw badInput(field('actions'), 'not allowed with a package, which grants everything it bundles');
  if (pkg.powerOfAttorney) {
    // A person's area goes only from the person, as a power of attorney with an end date: nobody asks for it.
    if (!options.powerOfAttorney) throw notDelegable(field('package'), `${pkg.urn} is a person’s area: the person gives it as a power of attorney`);
  } else if (!pkg.delegable) throw notDelegable(field('package'), `${pkg.urn} is not delegable`);
  return { resource: null, package: pkg, actions: null };
}

/** Pure: a delegation's end must lie ahead of `now`. */
export function checkValidTo(validTo: Date | null | undefined, now: Date, prefix = 'input'): void {
  if (validTo && validTo.getTime() <= now.getTime()) throw badInput(`${prefix}.validTo`, 'must be in the future');
}

/** The longest a power of attorney may run: ten years from when it is given. */
export const MAX_POWER_OF_ATTORNEY_YEARS = 10;

/** Pure: a power of attorney needs an end date ahead of `now`, at most ten years on. */
export function checkPowerOfAttorneyEnd(validTo: Date | null | undefined, now: Date, prefix = 'input'): void {
  if (!validTo) throw badInput(`${prefix}.validTo`, 'a power of attorney needs an end date');
  checkValidTo(validTo, now, prefix);
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_POWER_OF_ATTORNEY_YEARS);
  if (validTo.getTime() > latest.getTime())
    throw badInput(`${prefix}.validTo`, `at most ${MAX_POWER_OF_ATTORNEY_YEARS} years ahead (${latest.toISOString()})`);
}

/** Looks the named resource or package up (one statement each at most) and checks the input against them. */
export async function loadAndCheckRights(
  input: RightsInput,
  loaders: {
    resources: { byId: { load(id: string): Promise<ResourceRow | null> } };
    accessPackages: { byUrn: { load(urn: string): Promise<AccessPackageRow | null> } };
  },
  options: { powerOfAttorney?: boolean } = {},
): Promise<CheckedRights> {
  const [resource, pkg] = await Promise.all([
    input.resource != null ? loaders.resources.byId.load(input.resource) : null,
    input.package != null ? loaders.accessPackages.byUrn.load(input.package) : null,
  ]);
  return checkRights(input, { resource, package: pkg }, 'input', options);
}
