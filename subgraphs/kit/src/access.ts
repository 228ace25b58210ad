import type { Db } from '@hub/db';
import { authorizedParties, decide, enforceAuthenticationLevel, type AuthorizedParty, type Decision, type DecisionRequest } from './decision/index';
import type { Viewer } from './viewer';

/**
 * What the viewer may do for others, asked of the one decision implementation. Every shield rule that asks
 * "may the viewer act for this party?" comes here; answers are cached for the request.
 */
export interface Access {
  /** Every party the viewer may act for (not itself), with the paths. */
  authorizedParties(): Promise<AuthorizedParty[]>;
  /** True when the viewer is the party, holds a role for it or its main unit, or has an active delegation from it. */
  mayActFor(partyId: string): Promise<boolean>;
  /** The decision point, as of now; about the viewer itself, with the viewer's authentication level applied. */
  decide(requests: readonly DecisionRequest[]): Promise<Decision[]>;
}

export function createAccess(db: Db, viewer: Viewer | null): Access {
  let cached: Promise<AuthorizedParty[]> | undefined;
  let ids: Promise<Set<string>> | undefined;
  const parties = () => (cached ??= viewer ? authorizedParties(db, viewer.partyId) : Promise.resolve([]));
  return {
    authorizedParties: parties,
    async mayActFor(partyId) {
      if (!viewer) return false;
      // The viewer's own party waits for the same answer as the others: answering it at once would let the
      // loaders behind this check run in two batches instead of one.
      ids ??= parties().then((list) => new Set([viewer.partyId, ...list.map((p) => p.partyId)]));
      return (await ids).has(partyId);
    },
    async decide(requests) {
      const decisions = await decide(db, requests);
      if (viewer?.kind !== 'person') return decisions;
      return decisions.map((d, i) => (requests[i]!.subjectId === viewer.partyId ? enforceAuthenticationLevel(d, viewer.authenticationLevel) : d));
    },
  };
}

/**
 * Whether the viewer may see a person's national identity number (in any field, a person URN included): the person
 * itself and whoever may act for them. Everyone else names a person by `urn:altinn:party:uuid:`.
 */
export function mayReadIdentityNumber(access: Access, personPartyId: string): Promise<boolean> {
  return access.mayActFor(personPartyId);
}
