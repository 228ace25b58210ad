import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { parties } from './parties';
import { accessPackages, resources } from './roles';

export const delegationsSchema = pgSchema('delegations');

export const accessRequestStatus = delegationsSchema.enum('access_request_status', ['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN']);

/**
 * `from` gives `to` either one resource's actions or a whole package, until `validTo` if set. When `facilitatorId`
 * is set it is a client delegation: an accounting or auditing firm passing its client package on to an agent; it
 * holds only while the firm still holds the role that grants the package for `from`.
 */
export const delegations = delegationsSchema.table(
  'delegations',
  {
    id: uuid()
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    fromId: uuid()
      .notNull()
      .references(() => parties.id),
    toId: uuid()
      .notNull()
      .references(() => parties.id),
    resourceId: text().references(() => resources.id),
    packageUrn: text().references(() => accessPackages.urn),
    actions: text().array(),
    validTo: timestamp({ withTimezone: true }),
    facilitatorId: uuid().references(() => parties.id),
    createdById: uuid()
      .notNull()
      .references(() => parties.id),
    createdAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
    revokedAt: timestamp({ withTimezone: true }),
    revokedById: uuid().references(() => parties.id),
  },
  (t) => [index('delegations_to_idx').on(t.toId), index('delegations_from_idx').on(t.fromId)],
);

/** A person asks `from` for access; `from`'s administrators approve (creating the delegation) or reject. */
export const accessRequests = delegationsSchema.table(
  'access_requests',
  {
    id: uuid()
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    fromId: uuid()
      .notNull()
      .references(() => parties.id),
    requesterId: uuid()
      .notNull()
      .references(() => parties.id),
    resourceId: text().references(() => resources.id),
    packageUrn: text().references(() => accessPackages.urn),
    actions: text().array(),
    message: text(),
    status: accessRequestStatus().notNull().default('PENDING'),
    createdAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
    decidedAt: timestamp({ withTimezone: true }),
    decidedById: uuid().references(() => parties.id),
    delegationId: uuid().references(() => delegations.id),
  },
  (t) => [index('access_requests_from_idx').on(t.fromId), index('access_requests_requester_idx').on(t.requesterId)],
);

/**
 * Who did what to which delegation or access request, with the row before and after. Append-only: triggers in
 * the migrations refuse UPDATE, DELETE and TRUNCATE and chain the rows by hash, and no API writes here except through the changes it records.
 */
export const auditLog = delegationsSchema.table(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
    actorId: uuid().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: uuid().notNull(),
    partyId: uuid().notNull(),
    before: jsonb(),
    after: jsonb(),
    /** Hash of the previous row of this log ('' for the first): filled in by the chain trigger (migration 0008). */
    prevHash: text().notNull().default(''),
    /** sha256 of `prevHash` + this row's canonical content: filled in by the chain trigger; `npm run logs:verify` checks it. */
    hash: text().notNull().default(''),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityId), index('audit_log_party_idx').on(t.partyId)],
);

/**
 * Every support lookup of a party's access and consents (migration 0017): who looked (the support organisation and
 * its client), at whom, under which case. Append-only and hash-chained like `audit_log`; the party sees its rows.
 */
export const supportLookups = delegationsSchema.table(
  'support_lookups',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
    actorId: uuid()
      .notNull()
      .references(() => parties.id),
    clientId: text(),
    partyId: uuid()
      .notNull()
      .references(() => parties.id),
    caseNumber: text().notNull(),
    reason: text(),
    /** Filled in by the chain trigger (migration 0017), as on `audit_log`. */
    prevHash: text().notNull().default(''),
    hash: text().notNull().default(''),
  },
  (t) => [index('support_lookups_party_idx').on(t.partyId)],
);
