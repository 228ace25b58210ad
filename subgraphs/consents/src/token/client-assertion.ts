import { sql } from 'drizzle-orm';
import { createLocalJWKSet, decodeJwt, errors, jwtVerify, type JWK } from 'jose';
import { rowsOf, type Db } from '@hub/db';
import { clientAssertions } from '@hub/db/consents';
import { unauthenticated } from '@hub/kit';
import type { ClientRow } from '../client/client.loader';

/** RFC 7523 §2.2: the only client assertion type the token endpoint takes. */
export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The algorithms a client may sign its assertion with (as Maskinporten: RS256 and ES256, plus PS256). */
export const ASSERTION_ALGORITHMS = ['ES256', 'RS256', 'PS256'];

/** The longest an assertion may live (exp − now), as Maskinporten allows: 120 seconds. */
const MAX_ASSERTION_SECONDS = 120;
const CLOCK_SKEW_SECONDS = 30;

/** A refusal of client authentication: the token endpoint answers `invalid_client` for it. */
const refuse = (why: string) => unauthenticated(`Client authentication failed: ${why}.`);

/**
 * The client a private_key_jwt assertion (RFC 7523) authenticates, or UNAUTHENTICATED saying why not: issued and
 * subject both the client id (and `clientId`, when the request names one), signed with a key the client registered,
 * for this hub (`aud`: its issuer or its token endpoint), unexpired and short-lived, and never seen before (its `jti`
 * is kept until it expires, one statement).
 */
export async function authenticateClient(
  db: Db,
  args: {
    assertion: string;
    clientId: string | null;
    issuer: string;
    now: Date;
    /** The registered client by id. */
    loadClient: (id: string) => Promise<ClientRow | null>;
  },
): Promise<ClientRow> {
  let iss: unknown;
  try {
    iss = decodeJwt(args.assertion).iss;
  } catch {
    throw refuse('client_assertion is not a JWT');
  }
  if (typeof iss !== 'string' || !iss) throw refuse('the assertion has no iss (the client id)');
  if (args.clientId !== null && args.clientId !== iss) throw refuse('client_id differs from the assertion’s iss');
  const client = await args.loadClient(iss);
  if (!client) throw refuse(`no client ${iss} is registered`);
  if (!client.jwks?.keys.length) throw refuse(`client ${iss} has registered no public keys`);
  let payload;
  try {
    ({ payload } = await jwtVerify(args.assertion, createLocalJWKSet({ keys: client.jwks.keys as JWK[] }), {
      issuer: iss,
      subject: iss,
      audience: [args.issuer, `${args.issuer}/oauth/token`],
      algorithms: ASSERTION_ALGORITHMS,
      requiredClaims: ['exp', 'jti'],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: args.now,
    }));
  } catch (err) {
    if (err instanceof errors.JOSEError) throw refuse(`the assertion is not valid (${err.code}: ${err.message})`);
    throw err;
  }
  const exp = payload.exp!;
  const nowSeconds = Math.floor(args.now.getTime() / 1000);
  if (exp - nowSeconds > MAX_ASSERTION_SECONDS + CLOCK_SKEW_SECONDS) throw refuse(`the assertion may live at most ${MAX_ASSERTION_SECONDS} seconds`);
  if (typeof payload.jti !== 'string' || !payload.jti || payload.jti.length > 200)
    throw refuse('the assertion needs a jti of at most 200 characters');
  if (!(await firstUse(db, client.id, payload.jti, new Date(exp * 1000), args.now))) throw refuse('the assertion was already used');
  return client;
}

/** Records the assertion's jti; false when it was there already. Expired ones of the client go in the same statement. */
async function firstUse(db: Db, clientId: string, jti: string, expiresAt: Date, now: Date): Promise<boolean> {
  const rows = await rowsOf<{ jti: string }>(
    db,
    sql`with purge as (
        delete from ${clientAssertions} where client_id = ${clientId} and expires_at < ${now.toISOString()}::timestamptz
      )
      insert into ${clientAssertions} (client_id, jti, expires_at)
      values (${clientId}, ${jti}, ${expiresAt.toISOString()}::timestamptz)
      on conflict do nothing
      returning jti`,
  );
  return rows.length === 1;
}
