import { rule } from 'graphql-shield';
import { forbidden, onlyOrganizations, unauthenticated, type SubgraphContext, type Viewer } from '@hub/kit';

/** The scope of Altinn's support system (brukerservice): look up a party's access and consents, with a case number. */
export const SUPPORT_SCOPE = 'altinn:support.read';

/**
 * How long a logged lookup opens the party's data to the support organisation that made it: long enough for the one
 * operation that made it (every subgraph the router asks checks the lookup against the log), never a standing grant.
 */
export const SUPPORT_LOOKUP_TTL_MS = 5 * 60_000;

/** An organisation token with the support scope; a person, or an organisation without it, is FORBIDDEN. */
export const isSupport = rule({ cache: 'contextual' })((_p, _a, ctx: SubgraphContext) => {
  if (!ctx.viewer) return unauthenticated();
  if (ctx.viewer.kind !== 'organization') return onlyOrganizations();
  return ctx.viewer.scopes.includes(SUPPORT_SCOPE) ? true : forbidden(`Support lookups need scope ${SUPPORT_SCOPE}.`);
});

/** What a support lookup's log row says about who made it and when. */
export interface LoggedSupportLookup {
  actorId: string;
  clientId: string | null;
  at: Date;
}

/**
 * Whether the viewer may read through this logged lookup: it is the support organisation (and client) that made it,
 * it still has the scope, and the lookup is recent. Every field under a lookup asks this, in every subgraph, so data is
 * only ever shown under a row that is in the append-only log.
 */
export function mayReadThroughLookup(lookup: LoggedSupportLookup, viewer: Viewer | null, now = new Date()): boolean {
  return (
    !!viewer &&
    viewer.kind === 'organization' &&
    viewer.scopes.includes(SUPPORT_SCOPE) &&
    viewer.partyId === lookup.actorId &&
    viewer.clientId === lookup.clientId &&
    now.getTime() - lookup.at.getTime() < SUPPORT_LOOKUP_TTL_MS
  );
}

/** On the SupportLookup entity's fields, in every subgraph that adds some: `mayReadThroughLookup` on the logged row. */
export const readsThroughLookup = rule({ cache: (lookup: LoggedSupportLookup & { id: number }) => `lookup:${lookup.id}` })(
  (lookup: LoggedSupportLookup, _a, ctx: SubgraphContext) =>
    mayReadThroughLookup(lookup, ctx.viewer) ? true : forbidden('Only the support organisation that made this lookup may read it, right after it.'),
);
