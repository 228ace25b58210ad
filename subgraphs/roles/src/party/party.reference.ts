import type { PartyRef } from './party.type';

/**
 * Nothing to load: this subgraph stores no party rows, and the fields it adds (roleHolders, rolesHeld) load
 * through per-request loaders and are guarded per party in permissions.ts.
 */
export const partyReference = {
  Party: {
    __resolveReference: (ref: PartyRef): PartyRef => ({ id: ref.id }),
  },
};
