import DataLoader from 'dataloader';
import type { Db } from '@hub/db';
import {
  administeredBy,
  authorizedParties,
  decide,
  decideBatch,
  enforceAuthenticationLevel,
  type AuthorizedParty,
  type Decision,
  type DecideOptions,
  type DecisionBatch,
  type DecisionRequest,
} from './decision/index';
import type { Viewer } from '@hub/kit';

/** What the viewer asks of the decision point about itself: may I do `action` on `resourceId` for `partyId`? */
export interface ViewerAsk {
  partyId: string;
  resourceId: string;
  action: string;
}

/**
 * What the viewer may do for others, asked of the one decision implementation. Every shield rule that asks
 * "may the viewer act for this party?" comes here; answers are cached for the request.
 *
 * A relationship covers only what its path covers: `mayActFor` says there is some path (enough to see who a party
 * is), `actsOn` whether a path covers one resource and action, `administers` whether the viewer manages the party's
 * access (its delegations and role holders).
 */
export interface Access {
  /** Every party the viewer may act for (not itself), with the paths. */
  authorizedParties(): Promise<AuthorizedParty[]>;
  /** True when the viewer is the party, holds a role for it or its main unit, or has an active delegation from it. */
  mayActFor(partyId: string): Promise<boolean>;
  /**
   * True when a relationship with the party (a role, a package, a delegation; not a consent the party gave the viewer)
   * covers `action` on `resourceId` for `partyId`: the viewer may act for the party in this matter. Asks made in one
   * tick share one decision batch.
   */
  actsOn(ask: ViewerAsk): Promise<boolean>;
  /** True when the viewer is the party or one of its administrators (main administrator package, access manager). */
  administers(partyId: string): Promise<boolean>;
  /** The decision point, as of now; about the viewer itself, with the viewer's authentication level applied. */
  decide(requests: readonly DecisionRequest[]): Promise<Decision[]>;
  /** `decide`, with what the caller knows of the parties, also giving the catalogue the decisions were made against. */
  decideBatch(requests: readonly DecisionRequest[], options?: DecideOptions): Promise<DecisionBatch>;
}

/** What an access answer needs of a request: the platform's context has both. */
export interface AccessSubject {
  db: Db;
  viewer: Viewer | null;
}

const perRequest = new WeakMap<AccessSubject, Access>();

/**
 * The viewer's access for this request, made on first use and kept with the request's context (one cache and one
 * decision batch per request, never shared across viewers). The platform's context knows nothing of authorization:
 * this library derives access from the context's database and viewer.
 */
export function accessOf(ctx: AccessSubject): Access {
  let access = perRequest.get(ctx);
  if (!access) {
    access = createAccess(ctx.db, ctx.viewer);
    perRequest.set(ctx, access);
  }
  return access;
}

export function createAccess(db: Db, viewer: Viewer | null): Access {
  let cached: Promise<AuthorizedParty[]> | undefined;
  let ids: Promise<Set<string>> | undefined;
  const parties = () => (cached ??= viewer ? authorizedParties(db, viewer.partyId) : Promise.resolve([]));
  const actsOn = new DataLoader<ViewerAsk, boolean, string>(
    async (asks) => {
      if (!viewer) return asks.map(() => false);
      const decisions = await decide(
        db,
        asks.map((a) => ({ ...a, subjectId: viewer.partyId })),
      );
      // A consent lets its recipient use the data; it does not let the recipient act for the party.
      return decisions.map((d) => d.decision === 'PERMIT' && d.reasons.some((r) => r.source !== 'CONSENT'));
    },
    { cacheKeyFn: (a) => `${a.partyId}|${a.resourceId}|${a.action}` },
  );
  const administers = new DataLoader<string, boolean>(async (partyIds) =>
    viewer ? administeredBy(db, viewer.partyId, partyIds) : partyIds.map(() => false),
  );
  const viewerBatch = async (requests: readonly DecisionRequest[], options?: DecideOptions): Promise<DecisionBatch> => {
    const batch = await decideBatch(db, requests, new Date(), options);
    if (viewer?.kind !== 'person') return batch;
    const decisions = batch.decisions.map((d, i) =>
      requests[i]!.subjectId === viewer.partyId ? enforceAuthenticationLevel(d, viewer.authenticationLevel) : d,
    );
    return { ...batch, decisions };
  };
  return {
    authorizedParties: parties,
    async mayActFor(partyId) {
      if (!viewer) return false;
      // The viewer's own party waits for the same answer as the others: answering it at once would let the
      // loaders behind this check run in two batches instead of one.
      ids ??= parties().then((list) => new Set([viewer.partyId, ...list.map((p) => p.partyId)]));
      return (await ids).has(partyId);
    },
    actsOn: (ask) => actsOn.load(ask),
    administers: (partyId) => administers.load(partyId),
    decide: async (requests) => (requests.length ? (await viewerBatch(requests)).decisions : []),
    decideBatch: viewerBatch,
  };
}

/**
 * Whether the viewer may see a person's national identity number (in any field, a person URN included): the person
 * itself and whoever may act for them. Everyone else names a person by `urn:altinn:party:uuid:`.
 */
export function mayReadIdentityNumber(access: Access, personPartyId: string): Promise<boolean> {
  return access.mayActFor(personPartyId);
}
