import type { Db } from '@hub/db';
import { partyIdOf } from '@hub/db/parties/read';
import type { PartyIdLookup } from './viewer';

/** How many viewers' party ids a process keeps; a few hundred kilobytes at most. */
export const VIEWER_PARTY_ID_CACHE_SIZE = 50_000;

/**
 * The viewer's party id by number, for every request of this process: one indexed query per viewer, then from memory.
 * A number's id never changes once stored, so found ids are kept (least recently used dropped first); misses are not
 * kept, so a party the register adds later is found on its next request. Lookups of one number share one query.
 */
export function createViewerPartyIds(db: Db, max = VIEWER_PARTY_ID_CACHE_SIZE): PartyIdLookup {
  const found = new Map<string, string>();
  const pending = new Map<string, Promise<string | null>>();
  return async (number) => {
    const hit = found.get(number);
    if (hit) {
      // Map keeps insertion order: re-inserting marks the entry as the most recently used.
      found.delete(number);
      found.set(number, hit);
      return hit;
    }
    let lookup = pending.get(number);
    if (!lookup) {
      lookup = partyIdOf(db, number).finally(() => pending.delete(number));
      pending.set(number, lookup);
    }
    const id = await lookup;
    if (id) {
      found.set(number, id);
      if (found.size > max) found.delete(found.keys().next().value!);
    }
    return id;
  };
}
