/**
 * Fixtures for tests, written straight to the tables (never for the hub's own code: the lint rule refuses this entry
 * outside tests).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './client';
import { consentRequests, consentRights } from './schema/consents';

export interface AcceptedConsentsAsk {
  fromId: string;
  toId: string;
  /** How many consents (default 1). */
  count?: number;
  /** The rights of each, in order (default none). */
  rights?: readonly { resourceId: string; metadata?: Record<string, string> }[];
  /** Valid until (default an hour from now). */
  validTo?: Date;
}

/** Accepted consents from `fromId` to `toId`, as if answered a moment ago; returns their ids. */
export async function insertAcceptedConsents(db: Db, ask: AcceptedConsentsAsk): Promise<string[]> {
  const ids = Array.from({ length: ask.count ?? 1 }, () => randomUUID());
  const validTo = ask.validTo ?? new Date(Date.now() + 3600_000);
  await db.insert(consentRequests).values(
    ids.map((id) => ({
      id,
      fromId: ask.fromId,
      toId: ask.toId,
      validTo,
      redirectUrl: 'https://banken.example/retur',
      templateId: 'default',
      oneTime: false,
      status: 'ACCEPTED' as const,
      answeredAt: new Date(),
      inputHash: id,
    })),
  );
  const rights = ask.rights ?? [];
  if (rights.length) {
    await db
      .insert(consentRights)
      .values(
        ids.flatMap((consentId) => rights.map((r, position) => ({ consentId, position, resourceId: r.resourceId, metadata: r.metadata ?? {} }))),
      );
  }
  return ids;
}
