import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@hub/db';
import { authorizationCodes, consentEvents, consentRequests, consentRights, issuedTokens } from '@hub/db/consents';
import { TRANSITIONS } from '../consent/consent.status';

// The stored statuses a token may be issued from (EXPIRED is never stored: it is the valid_to condition).
const ISSUABLE = TRANSITIONS['issue a consent token'].filter((s) => s !== 'EXPIRED');

/** A signed token to record: the writes that make it count happen together, or not at all. */
export interface TokenRecord {
  jti: string;
  consentId: string;
  /** The code exchanged for it (its hash): used up by the same statement. Null when asked by consent id. */
  codeHash: string | null;
  recipientId: string;
  kid: string;
  issuedAt: Date;
  expiresAt: Date;
  /** Positions of the one-time rights the token carries: it is recorded only if it claims every one of them. */
  claims: number[];
}

/** How far the statement got: each step runs only when the one before it did. */
export interface TokenWriteOutcome {
  /** The code was unused and is now used (always 1 without a code). */
  code: number;
  /** The consent may give tokens (ACCEPTED, unexpired), its row share-locked against a concurrent revoke or use. */
  consent: number;
  /** One-time rights claimed for this token. */
  claimed: number;
  /** The token and its TOKEN_ISSUED event were recorded. */
  issued: number;
}

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Records an issued token in one statement: uses the code up, share-locks the consent if it is still ACCEPTED and
 * unexpired, claims the token's one-time rights, and inserts the token and its event only if every claim succeeded.
 * With a code or claims, run it in a transaction and roll back unless `issued` is 1: a partial claim (a concurrent
 * issuance took a right first) or a code used up for nothing must not stay. Without either, a failed statement
 * changed nothing and needs no transaction.
 */
export async function recordIssuedToken(tx: Db, t: TokenRecord): Promise<TokenWriteOutcome> {
  const code = t.codeHash
    ? sql`update ${authorizationCodes} set used_at = ${at(t.issuedAt)} where code_hash = ${t.codeHash} and used_at is null returning consent_id`
    : sql`select null::uuid as consent_id`;
  const claimable = t.claims.length ? sql`position in ${t.claims.map((p) => sql`${p}::int`)}` : sql`false`;
  const [outcome] = await rowsOf<TokenWriteOutcome>(
    tx,
    sql`with
      code as (${code}),
      consent as (
        select id from ${consentRequests}
        where id = ${t.consentId}::uuid and status::text in ${ISSUABLE} and valid_to > ${at(t.issuedAt)} and exists (select 1 from code)
        for share
      ),
      claim as (
        update ${consentRights} set token_jti = ${t.jti}::uuid
        where consent_id in (select id from consent) and one_time and token_jti is null and used_at is null and ${claimable}
        returning position
      ),
      token as (
        insert into ${issuedTokens} (jti, consent_id, code_hash, recipient_id, kid, issued_at, expires_at)
        select ${t.jti}::uuid, id, ${t.codeHash}::text, ${t.recipientId}::uuid, ${t.kid}, ${at(t.issuedAt)}, ${at(t.expiresAt)}
        from consent where (select count(*) from claim) = ${t.claims.length}
        returning consent_id
      ),
      event as (
        insert into ${consentEvents} (consent_id, type, performed_by_id, at)
        select consent_id, 'TOKEN_ISSUED'::consents.consent_event_type, ${t.recipientId}::uuid, ${at(t.issuedAt)} from token
        returning id
      )
    select (select count(*) from code)::int as code, (select count(*) from consent)::int as consent,
      (select count(*) from claim)::int as claimed, (select count(*) from event)::int as issued`,
  );
  return outcome!;
}
