import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { parties } from './parties';
import { resources } from './roles';

export const consentsSchema = pgSchema('consents');

/** Stored statuses. EXPIRED is never stored: it is computed from validTo at read time, so it is never stale. */
export const consentStatus = consentsSchema.enum('consent_status', ['CREATED', 'ACCEPTED', 'REJECTED', 'REVOKED', 'DELETED', 'USED']);
export const consentEventType = consentsSchema.enum('consent_event_type', [
  'CREATED',
  'ACCEPTED',
  'REJECTED',
  'REVOKED',
  'DELETED',
  'USED',
  'TOKEN_ISSUED',
]);

/** A data consumer (`to`) asks `from` for consent to the rights listed in consent_rights. */
export const consentRequests = consentsSchema.table(
  'consent_requests',
  {
    id: uuid().primaryKey(),
    fromId: uuid()
      .notNull()
      .references(() => parties.id),
    toId: uuid()
      .notNull()
      .references(() => parties.id),
    requiredDelegatorId: uuid().references(() => parties.id),
    handledById: uuid().references(() => parties.id),
    validTo: timestamp({ withTimezone: true }).notNull(),
    requestMessage: text(),
    redirectUrl: text().notNull(),
    codeChallenge: text(),
    templateId: text().notNull(),
    oneTime: boolean().notNull(),
    /** Everyone who may answer for `from` by a register role (the heirs of an estate) must accept, not one of them. */
    jointly: boolean().notNull().default(false),
    status: consentStatus().notNull().default('CREATED'),
    /** Hash of the creating input: a repeated client-chosen id with other input is a CONFLICT. */
    inputHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
    answeredAt: timestamp({ withTimezone: true }),
    answeredById: uuid().references(() => parties.id),
  },
  (t) => [index('consent_requests_from_idx').on(t.fromId), index('consent_requests_to_idx').on(t.toId)],
);

export const consentRights = consentsSchema.table(
  'consent_rights',
  {
    consentId: uuid()
      .notNull()
      .references(() => consentRequests.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    resourceId: text()
      .notNull()
      .references(() => resources.id),
    /** The action on the resource whoever answers for `from` must hold (`consent`). */
    action: text().notNull().default('consent'),
    /** What the consent lets its recipient do: `consent` (fetch the data) or acts such as `sign`, `submit`. */
    actions: text()
      .array()
      .notNull()
      .default(sql`'{consent}'::text[]`),
    metadata: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** The resource's one-time flag when the consent was asked: such a right is delivered once; the others until validTo. */
    oneTime: boolean().notNull().default(false),
    /** A one-time right goes into at most one consent token: this one (claimed by a conditional update). */
    tokenJti: uuid(),
    /** When a data source's report of the one-time right's use was accepted; set once (conditional update). */
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.consentId, t.position] }),
    index('consent_rights_resource_idx').on(t.resourceId),
    // Only a one-time right is claimed or used up, and only through the token that holds it.
    check('consent_rights_one_time_use', sql`(${t.oneTime} or (${t.tokenJti} is null and ${t.usedAt} is null))`),
  ],
);

/**
 * Everything that happened to a consent. The requester's feed pages by (`xactId`, `id`) up to a visibility horizon
 * (see subgraphs/consents/src/event/feed.resolver.ts): no global lock orders the writers.
 */
export const consentEvents = consentsSchema.table(
  'consent_events',
  {
    /** Drawn from a sequence when the row is inserted; orders the events of one transaction, and of one consent. */
    id: bigserial({ mode: 'number' }).primaryKey(),
    /**
     * The writing transaction's id (`pg_current_xact_id()`, epoch included). A feed reader returns only events whose
     * transaction id is below the oldest transaction still running in its snapshot (`pg_snapshot_xmin`): those are
     * final, and every event committed later has an id at or above that horizon, so it sorts after them.
     */
    xactId: bigint({ mode: 'number' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
    consentId: uuid()
      .notNull()
      .references(() => consentRequests.id),
    type: consentEventType().notNull(),
    at: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
    performedById: uuid().references(() => parties.id),
    /** USED: the resource (the data) the source delivered. */
    resourceId: text().references(() => resources.id),
    /** USED: the organisation the data was delivered to (the token's recipient). */
    deliveredToId: uuid().references(() => parties.id),
    /** Hash of the previous event of the same consent ('' for its first): filled in by the chain trigger (migration 0009). */
    prevHash: text().notNull().default(''),
    /** sha256 of `prevHash` + this row's canonical content: filled in by the chain trigger; `npm run logs:verify` checks it. */
    hash: text().notNull().default(''),
  },
  (t) => [index('consent_events_consent_idx').on(t.consentId, t.id), index('consent_events_feed_idx').on(t.xactId, t.id)],
);

/** What the person saw and accepted, frozen at acceptance, with its hash. */
export const consentReceipts = consentsSchema.table('consent_receipts', {
  consentId: uuid()
    .primaryKey()
    .references(() => consentRequests.id),
  acceptedAt: timestamp({ withTimezone: true }).notNull(),
  body: jsonb().notNull(),
  textShown: text().notNull(),
  sha256: text().notNull(),
});

/** A joint request's acceptances so far, one per representative: the last one needed makes the request ACCEPTED. */
export const jointAcceptances = consentsSchema.table(
  'joint_acceptances',
  {
    consentId: uuid()
      .notNull()
      .references(() => consentRequests.id),
    partyId: uuid()
      .notNull()
      .references(() => parties.id),
    acceptedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.consentId, t.partyId] })],
);

/** One-time authorization codes, stored hashed; bound to consent, recipient, redirect URL and PKCE challenge. */
export const authorizationCodes = consentsSchema.table('authorization_codes', {
  codeHash: text().primaryKey(),
  consentId: uuid()
    .notNull()
    .references(() => consentRequests.id),
  recipientId: uuid()
    .notNull()
    .references(() => parties.id),
  redirectUrl: text().notNull(),
  codeChallenge: text(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
});

/** Every consent token issued, so that a replayed code can revoke what it produced. */
export const issuedTokens = consentsSchema.table(
  'issued_tokens',
  {
    jti: uuid().primaryKey(),
    consentId: uuid()
      .notNull()
      .references(() => consentRequests.id),
    codeHash: text(),
    recipientId: uuid()
      .notNull()
      .references(() => parties.id),
    kid: text().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('issued_tokens_consent_idx').on(t.consentId)],
);

/**
 * Consent-token signing keys (ES256). The private key is stored encrypted with the key-encryption key from the
 * environment. The newest key whose `activeFrom` has come signs; a new key is published in the JWKS before it
 * signs anything, and an older one stays published while a token it signed is unexpired.
 */
export const signingKeys = consentsSchema.table('signing_keys', {
  kid: text().primaryKey(),
  publicJwk: jsonb().$type<Record<string, unknown>>().notNull(),
  privateKeyEncrypted: text().notNull(),
  createdAt: timestamp({ withTimezone: true })
    .notNull()
    .default(sql`now()`),
  activeFrom: timestamp({ withTimezone: true }).notNull(),
});

/**
 * The systems (OAuth clients, the token's `client_id`) that ask for consent, with their registered redirect URLs: a
 * consent request's `redirectUrl` must be one of its client's, exactly (RFC 9700), so that a stolen or forged
 * request cannot send the person, and the authorization code, anywhere else.
 */
export const clients = consentsSchema.table(
  'clients',
  {
    id: text().primaryKey(),
    organizationId: uuid()
      .notNull()
      .references(() => parties.id),
    redirectUris: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The client's public keys (RFC 7517 key set) for private_key_jwt at the token endpoint; null: it cannot use it. */
    jwks: jsonb().$type<{ keys: Record<string, unknown>[] }>(),
  },
  (t) => [index('clients_organization_idx').on(t.organizationId)],
);

/** Client assertions (RFC 7523) already accepted, by `jti`, kept until they expire: each is accepted once. */
export const clientAssertions = consentsSchema.table(
  'client_assertions',
  {
    clientId: text()
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    jti: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'client_assertions_pk', columns: [t.clientId, t.jti] }), index('client_assertions_expires_idx').on(t.expiresAt)],
);
