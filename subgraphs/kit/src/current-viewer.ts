import { createParameterDecorator } from 'type-graphql';
import type { SubgraphContext } from './context';
import { forbidden, unauthenticated } from './errors';
import type { OrganizationViewer, PersonViewer, Viewer } from './viewer';

/** FORBIDDEN for an organisation where only a person may act, saying what to use instead. */
export const onlyPersons = () => forbidden('Only a person (an ID-porten-like token) may do this.');

/** FORBIDDEN for a person where only an organisation may act, saying what to use instead. */
export const onlyOrganizations = () => forbidden('Only an organisation (a Maskinporten-like token) may do this.');

/**
 * The viewer of a request that needs one. The shield rules (`isAuthenticated`, `isPerson`, `isOrganization`) refuse
 * such requests before any resolver runs; these checks make the viewer's type non-null honestly, and refuse with the
 * same codes and messages should a rule ever be missing.
 */
export function requireViewer(ctx: Pick<SubgraphContext, 'viewer'>): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

export function requirePerson(ctx: Pick<SubgraphContext, 'viewer'>): PersonViewer {
  const viewer = requireViewer(ctx);
  if (viewer.kind !== 'person') throw onlyPersons();
  return viewer;
}

export function requireOrganization(ctx: Pick<SubgraphContext, 'viewer'>): OrganizationViewer {
  const viewer = requireViewer(ctx);
  if (viewer.kind !== 'organization') throw onlyOrganizations();
  return viewer;
}

/** A resolver parameter: the logged-in viewer (`Viewer`), or UNAUTHENTICATED. */
export const CurrentViewer = () => createParameterDecorator<SubgraphContext>(({ context }) => requireViewer(context));

/** A resolver parameter: the logged-in person (`PersonViewer`); UNAUTHENTICATED without a viewer, FORBIDDEN for an organisation. */
export const CurrentPerson = () => createParameterDecorator<SubgraphContext>(({ context }) => requirePerson(context));

/** A resolver parameter: the logged-in organisation (`OrganizationViewer`); UNAUTHENTICATED without a viewer, FORBIDDEN for a person. */
export const CurrentOrganization = () => createParameterDecorator<SubgraphContext>(({ context }) => requireOrganization(context));
