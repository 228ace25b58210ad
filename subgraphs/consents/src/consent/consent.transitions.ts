import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@hub/db';
import { consentReceipts, consentRequests, consentRights, issuedTokens, statusOf } from '@hub/db/consents';
import { conflict, forbidden, hubError } from '@hub/kit';
import { codeRefusal, createAuthorizationCode, findAuthorizationCode, revokeTokensOfCode, type CodeRefusal } from '../token/authorization-code';
import { signConsentToken } from '../token/consent-token';
import type { ConsentToken, TokenRequest } from '../token/issue.input';
import { useConsentRights, type UseReport } from '../token/right-use';
import { rightsOf, tokenRights } from '../token/rights-claim';
import type { ConsentSettings } from '../token/settings';
import { activeSigningKey } from '../token/signing-keys';
import { loadTokenContent } from '../token/token-content';
import { recordIssuedToken, type TokenWriteOutcome } from '../token/token-write';
import { requireStatus, stateConflict, type ConsentTransition } from './consent.status';
import { consentWrite, lockConsent, recordEvent, updateConsent } from './consent.store';
import { ConsentStatus, type ConsentRightRow, type ConsentRow } from './consent.type';
import { recordJointAcceptance } from './joint-acceptance';
import type { Receipt } from './receipt';

/**
 * The life of a consent, in one place: every change of its state, each checked against the state table
 * (TRANSITIONS in consent.status.ts) and run in `consentWrite`, the one transaction helper. A change to a request
 * locks its row first (`transition`); token issuance signs first and then writes in one statement (`issueToken`).
 * Resolvers find what the viewer may see and may do, and call one of these.
 */

/** Locks the request, checks `transition` against its status as of `now`, then applies `change`: one transaction. */
function transition<T>(
  db: Db,
  id: string,
  name: ConsentTransition,
  now: Date,
  change: (tx: Db, row: ConsentRow, status: ConsentStatus) => Promise<T>,
) {
  return consentWrite(db, async (tx) => {
    const row = (await lockConsent(tx, id))!;
    return change(tx, row, requireStatus(name, row, now));
  });
}

export type NewConsent = Omit<typeof consentRequests.$inferInsert, 'status' | 'answeredAt' | 'answeredById'>;
export type NewRight = Omit<typeof consentRights.$inferInsert, 'consentId' | 'position'>;

/** A new request with its rights and CREATED event; null when a request with this id already exists (a replay). */
export function createConsent(db: Db, values: NewConsent & { id: string; createdAt: Date }, rights: NewRight[]): Promise<ConsentRow | null> {
  return consentWrite(db, async (tx) => {
    const [row] = await tx.insert(consentRequests).values(values).onConflictDoNothing({ target: consentRequests.id }).returning();
    if (!row) return null;
    await tx.insert(consentRights).values(rights.map((r, position) => ({ ...r, consentId: row.id, position })));
    await recordEvent(tx, { consentId: row.id, type: 'CREATED', performedById: row.toId, at: values.createdAt });
    return row;
  });
}

/**
 * Accepts (CREATED → ACCEPTED, with the receipt built beforehand from what the person saw), or answers an accepted
 * request again; either way with a fresh authorization code for the recipient. A joint request (`joint`: everyone
 * who must accept) records this acceptance and stays CREATED, with no code, until the last one needed arrives.
 */
export function acceptConsent(
  db: Db,
  args: { id: string; receipt: Receipt | null; answeredById: string; codeTtlSeconds: number; now: Date; joint?: { requiredIds: readonly string[] } },
): Promise<{ row: ConsentRow; code: string | null }> {
  const { now } = args;
  return transition(db, args.id, 'accept', now, async (tx, locked, status) => {
    let row = locked;
    if (status === ConsentStatus.CREATED) {
      // Read as ACCEPTED before the lock, so no receipt was built: changed in between, which only a refusal can answer.
      if (!args.receipt) throw stateConflict('accept', status);
      if (args.joint) {
        const accepted = await recordJointAcceptance(tx, row.id, args.answeredById, now);
        if (args.joint.requiredIds.some((id) => !accepted.has(id))) return { row, code: null };
      }
      row = await updateConsent(tx, row.id, { status: 'ACCEPTED', answeredAt: now, answeredById: args.answeredById });
      await recordEvent(tx, { consentId: row.id, type: 'ACCEPTED', performedById: args.answeredById, at: now });
      await tx.insert(consentReceipts).values({ consentId: row.id, acceptedAt: now, ...args.receipt });
    }
    const code = await createAuthorizationCode(tx, {
      consentId: row.id,
      recipientId: row.toId,
      redirectUrl: row.redirectUrl,
      codeChallenge: row.codeChallenge,
      ttlSeconds: args.codeTtlSeconds,
      now,
    });
    return { row, code };
  });
}

/** CREATED → REJECTED; again on a rejected request, the same answer. */
export function rejectConsent(db: Db, id: string, answeredById: string, now: Date): Promise<ConsentRow> {
  return transition(db, id, 'reject', now, async (tx, row, status) => {
    if (status === ConsentStatus.REJECTED) return row;
    await recordEvent(tx, { consentId: row.id, type: 'REJECTED', performedById: answeredById, at: now });
    return updateConsent(tx, row.id, { status: 'REJECTED', answeredAt: now, answeredById });
  });
}

/**
 * ACCEPTED → REVOKED by whoever may answer for `from`; its unexpired tokens are marked revoked. A consent of one-time
 * rights only cannot be revoked: it ends at its use or at validTo.
 */
export function revokeConsent(db: Db, id: string, rights: readonly ConsentRightRow[], actorId: string, now: Date): Promise<ConsentRow> {
  if (rights.every((r) => r.oneTime))
    throw conflict('Cannot revoke: one-time consents cannot be revoked; they end at their first use or at validTo.');
  return transition(db, id, 'revoke', now, async (tx, row) => {
    await tx
      .update(issuedTokens)
      .set({ revokedAt: now })
      .where(and(eq(issuedTokens.consentId, row.id), isNull(issuedTokens.revokedAt)));
    await recordEvent(tx, { consentId: row.id, type: 'REVOKED', performedById: actorId, at: now });
    return updateConsent(tx, row.id, { status: 'REVOKED' });
  });
}

/** CREATED → DELETED, by the requester. */
export function deleteConsentRequest(db: Db, id: string, actorId: string, now: Date): Promise<ConsentRow> {
  return transition(db, id, 'delete', now, async (tx, row) => {
    await recordEvent(tx, { consentId: row.id, type: 'DELETED', performedById: actorId, at: now });
    return updateConsent(tx, row.id, { status: 'DELETED' });
  });
}

/** A data source's use of an ACCEPTED consent's rights (→ USED when every right was one-time and all are used). */
export function useConsent(db: Db, id: string, report: UseReport): Promise<ConsentRow> {
  return transition(db, id, 'use', report.now, (tx, row) => useConsentRights(tx, row, report));
}

/** Who asks: an organisation, the consent's recipient (`to`, or `handledBy`). */
export interface TokenRecipient {
  partyId: string;
  /** The token's client_id: the caller's client, or its organisation URN when it has none. */
  clientId: string;
}

const isRecipient = (c: ConsentRow, partyId: string) => partyId === c.toId || partyId === c.handledById;

// A concurrent issuance may claim a one-time right between the read and the write: read, sign and write again.
const ATTEMPTS = 4;

const refused = (r: CodeRefusal) => hubError(r.code, `input.${r.field}: ${r.message}`, { field: `input.${r.field}` });

class RolledBack extends Error {
  constructor(readonly outcome: TokenWriteOutcome) {
    super('token not recorded');
  }
}

/** The consent a token request names, checked: by code (the code's checks) or as given (the caller checked visibility). */
async function consentAsked(
  db: Db,
  request: TokenRequest,
  recipient: TokenRecipient,
  now: Date,
  consent: ConsentRow | null,
): Promise<{ consent: ConsentRow; codeHash: string | null }> {
  if (request.kind === 'consent') return { consent: consent!, codeHash: null };
  const found = await findAuthorizationCode(db, request.code);
  const refusal = codeRefusal(found?.code ?? null, { ...request, recipientId: recipient.partyId, now });
  if (refusal) {
    // A replay: the code may have been stolen, so what it gave is revoked before the refusal.
    if (found?.code.usedAt) await revokeTokensOfCode(db, found.code.codeHash, now);
    throw refused(refusal);
  }
  return { consent: found!.consent, codeHash: found!.code.codeHash };
}

/**
 * Issues a consent token to its recipient. Everything that needs no lock happens first: reading the code, the consent
 * and its rights, choosing the rights, reading the token's content, signing with the cached key. Then one statement
 * records it (see recordIssuedToken), in a short transaction when a failure must be undone (a code used up, rights
 * claimed); if a concurrent issuance claimed one of its one-time rights first, the signed token is dropped, never
 * handed out, and the whole is done again with fresh rights.
 */
export async function issueToken(
  db: Db,
  args: { request: TokenRequest; recipient: TokenRecipient; settings: ConsentSettings; now: Date; consent: ConsentRow | null },
): Promise<ConsentToken> {
  const { request, recipient, settings, now } = args;
  for (let attempt = 1; ; attempt++) {
    const { consent, codeHash } = await consentAsked(db, request, recipient, now, args.consent);
    requireStatus('issue a consent token', consent, now);
    if (!isRecipient(consent, recipient.partyId)) throw forbidden('Only the consent’s recipient (to or handledBy) may get its tokens.');
    const { rights, claims } = tokenRights(await rightsOf(db, consent.id), request.resources);
    const content = await loadTokenContent(db, consent, recipient.clientId, rights);
    const key = await activeSigningKey(db, settings.keyEncryptionKey, now);
    const signed = await signConsentToken(key, settings.issuer, content, settings.tokenTtlSeconds, now, randomUUID());
    const record = {
      jti: signed.jti,
      consentId: consent.id,
      codeHash,
      recipientId: recipient.partyId,
      kid: key.kid,
      issuedAt: now,
      expiresAt: signed.expiresAt,
      claims,
    };
    try {
      if (codeHash === null && !claims.length) {
        // Nothing to undo when it fails (no code to use up, no right to claim): the statement is its own transaction.
        const outcome = await recordIssuedToken(db, record);
        if (outcome.issued !== 1) throw new RolledBack(outcome);
      } else {
        await consentWrite(db, async (tx) => {
          const outcome = await recordIssuedToken(tx, record);
          if (outcome.issued !== 1) throw new RolledBack(outcome);
        });
      }
      return { accessToken: signed.token, tokenType: 'Bearer', expiresAt: signed.expiresAt };
    } catch (e) {
      if (!(e instanceof RolledBack)) throw e;
      const { outcome } = e;
      if (outcome.code === 0) throw refused({ code: 'BAD_USER_INPUT', field: 'code', message: 'the authorization code was already used' });
      if (outcome.consent === 0) {
        // Revoked, used up or expired since it was read: say which, as read now.
        const [fresh] = await statusOf(db, [consent.id]);
        requireStatus('issue a consent token', fresh!, now);
        throw conflict('Cannot issue a consent token: the consent changed while it was being issued; try again.');
      }
      if (attempt === ATTEMPTS)
        throw conflict('Cannot issue a consent token: other tokens of this consent are being issued at the same time; try again.');
    }
  }
}
