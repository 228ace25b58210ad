import { eq, inArray } from 'drizzle-orm';
import { parties, roleAssignments, type Db } from '@hub/db';
import type { Viewer } from './viewer';

/**
 * What the viewer may do for others, answered once per request. This is the one place shield rules ask
 * "may the viewer act for this party?"; the decision point of the authorization core builds on it.
 */
export interface Access {
  /** True when the viewer is the party, holds a role for it, or for the main unit of which it is a subunit. */
  mayActFor(partyId: string): Promise<boolean>;
  /** Every party id the viewer may act for, itself included. */
  actingFor(): Promise<ReadonlySet<string>>;
}

export function createAccess(db: Db, viewer: Viewer | null): Access {
  let cached: Promise<ReadonlySet<string>> | undefined;
  const actingFor = () => (cached ??= load(db, viewer));
  return {
    actingFor,
    mayActFor: async (partyId) => (await actingFor()).has(partyId),
  };
}

async function load(db: Db, viewer: Viewer | null): Promise<ReadonlySet<string>> {
  if (!viewer) return new Set();
  const ids = new Set([viewer.partyId]);
  if (viewer.kind === 'organization') return ids;
  const held = await db
    .select({ fromId: roleAssignments.fromId })
    .from(roleAssignments)
    .where(eq(roleAssignments.toId, viewer.partyId));
  for (const r of held) ids.add(r.fromId);
  if (held.length > 0) {
    const subunits = await db
      .select({ id: parties.id })
      .from(parties)
      .where(inArray(parties.parentId, held.map((r) => r.fromId)));
    for (const s of subunits) ids.add(s.id);
  }
  return ids;
}
