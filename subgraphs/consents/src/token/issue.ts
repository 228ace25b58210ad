import { randomUUID } from 'node:crypto';
import type { Db } from '@hub/db';
import { statusOf } from '@hub/db/consents';
import { conflict, forbidden, hubError } from '@hub/kit';
import { effectiveStatus, stateConflict } from '../consent/consent.status';
import { consentWrite } from '../consent/consent.store';
import { ConsentStatus, type ConsentRow } from '../consent/consent.type';
import { codeRefusal, findAuthorizationCode, revokeTokensOfCode, type CodeRefusal } from './authorization-code';
import { signConsentToken } from './consent-token';
import type { ConsentToken, TokenRequest } from './issue.input';
import { rightsOf, tokenRights } from './rights-claim';
import type { ConsentSettings } from './settings';
import { activeSigningKey } from './signing-keys';
import { loadTokenContent } from './token-content';
import { recordIssuedToken, type TokenWriteOutcome } from './token-write';

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
async function consentAsked(db: Db, request: TokenRequest, recipient: TokenRecipient, now: Date, consent: ConsentRow | null): Promise<{ consent: ConsentRow; codeHash: string | null }> {
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
 * in one short transaction records it (see recordIssuedToken); if a concurrent issuance claimed one of its one-time
 * rights first, the signed token is dropped, never handed out, and the whole is done again with fresh rights.
 */
export async function issueConsentToken(
  db: Db,
  args: { request: TokenRequest; recipient: TokenRecipient; settings: ConsentSettings; now: Date; consent: ConsentRow | null },
): Promise<ConsentToken> {
  const { request, recipient, settings, now } = args;
  for (let attempt = 1; ; attempt++) {
    const { consent, codeHash } = await consentAsked(db, request, recipient, now, args.consent);
    const status = effectiveStatus(consent, now);
    if (status !== ConsentStatus.ACCEPTED) throw stateConflict('issue a consent token', status);
    if (!isRecipient(consent, recipient.partyId)) throw forbidden('Only the consent’s recipient (to or handledBy) may get its tokens.');
    const { rights, claims } = tokenRights(await rightsOf(db, consent.id), request.resources);
    const content = await loadTokenContent(db, consent, recipient.clientId, rights);
    const key = await activeSigningKey(db, settings.keyEncryptionKey, now);
    const signed = await signConsentToken(key, settings.issuer, content, settings.tokenTtlSeconds, now, randomUUID());
    const record = { jti: signed.jti, consentId: consent.id, codeHash, recipientId: recipient.partyId, kid: key.kid, issuedAt: now, expiresAt: signed.expiresAt, claims };
    try {
      await consentWrite(db, async (tx) => {
        const outcome = await recordIssuedToken(tx, record);
        if (outcome.issued !== 1) throw new RolledBack(outcome);
      });
      return { accessToken: signed.token, tokenType: 'Bearer', expiresAt: signed.expiresAt };
    } catch (e) {
      if (!(e instanceof RolledBack)) throw e;
      const { outcome } = e;
      if (outcome.code === 0) throw refused({ code: 'BAD_USER_INPUT', field: 'code', message: 'the authorization code was already used' });
      if (outcome.consent === 0) {
        // Revoked, used up or expired since it was read: say which, as read now.
        const [fresh] = await statusOf(db, [consent.id]);
        throw stateConflict('issue a consent token', effectiveStatus(fresh!, now));
      }
      if (attempt === ATTEMPTS) throw conflict('Cannot issue a consent token: other tokens of this consent are being issued at the same time; try again.');
    }
  }
}
