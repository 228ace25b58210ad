import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { parties } from './parties';

export const rolesSchema = pgSchema('roles');

export const roleProvider = rolesSchema.enum('role_provider', ['ER', 'FREG', 'ADVOKATTILSYNET', 'ALTINN']);
export const resourceType = rolesSchema.enum('resource_type', ['SERVICE', 'CONSENT', 'PUBLIC']);
export const policySubjectKind = rolesSchema.enum('policy_subject_kind', ['ROLE', 'PACKAGE']);

/** The role catalogue: register roles (ER, FREG, ADVOKATTILSYNET) and Altinn's own. */
export const roles = rolesSchema.table('roles', {
  code: text().primaryKey(),
  urn: text().notNull().unique(),
  name: text().notNull(),
  provider: roleProvider().notNull(),
});

/** `to` holds `role` for `from`. */
export const roleAssignments = rolesSchema.table(
  'role_assignments',
  {
    fromId: uuid()
      .notNull()
      .references(() => parties.id),
    toId: uuid()
      .notNull()
      .references(() => parties.id),
    roleCode: text()
      .notNull()
      .references(() => roles.code),
    createdAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.fromId, t.toId, t.roleCode] }), index('role_assignments_to_idx').on(t.toId)],
);

/** Access packages bundle resources; roles grant packages. */
export const accessPackages = rolesSchema.table('access_packages', {
  urn: text().primaryKey(),
  name: text().notNull(),
  delegable: boolean().notNull(),
  /** Holding it makes one an administrator of the party (the main-administrator package). */
  administers: boolean().notNull().default(false),
  /** A client package: an accounting or auditing firm passes it on to its own agents. */
  clientPackage: boolean().notNull().default(false),
  /** A person's area (tax, health, NAV, post): a person may give it to another person as a power of attorney, with an end date. */
  powerOfAttorney: boolean().notNull().default(false),
});

export const packageRoles = rolesSchema.table(
  'package_roles',
  {
    packageUrn: text()
      .notNull()
      .references(() => accessPackages.urn),
    roleCode: text()
      .notNull()
      .references(() => roles.code),
  },
  (t) => [primaryKey({ columns: [t.packageUrn, t.roleCode] })],
);

/** A service or data set owned by an agency. */
export const resources = rolesSchema.table('resources', {
  id: text().primaryKey(),
  ownerId: uuid()
    .notNull()
    .references(() => parties.id),
  type: resourceType().notNull(),
  title: text().notNull(),
  actions: text().array().notNull(),
  delegable: boolean().notNull().default(false),
  minimumAuthenticationLevel: integer(),
  consentTemplate: text(),
  consentMetadata: text().array(),
  oneTimeConsent: boolean().notNull().default(false),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

export const packageResources = rolesSchema.table(
  'package_resources',
  {
    packageUrn: text()
      .notNull()
      .references(() => accessPackages.urn),
    resourceId: text()
      .notNull()
      .references(() => resources.id),
  },
  (t) => [primaryKey({ columns: [t.packageUrn, t.resourceId] }), index('package_resources_resource_idx').on(t.resourceId)],
);

/** One policy rule: holders of `subject` (a role code or a package urn) may perform `action` on the resource. */
export const policyRules = rolesSchema.table(
  'policy_rules',
  {
    resourceId: text()
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    subjectKind: policySubjectKind().notNull(),
    subject: text().notNull(),
    action: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.subjectKind, t.subject, t.action] })],
);

/** Consent templates: the text a person sees, with {CoveredBy}, {OfferedBy}, {HandledBy}, {Expiration}, {Subject}, {Sources}. */
export const consentTemplates = rolesSchema.table('consent_templates', {
  id: text().primaryKey(),
  title: jsonb().notNull().$type<{ nb: string; en: string }>(),
  text: jsonb().notNull().$type<{ nb: string; en: string }>(),
});

/**
 * One row: bumped by a statement trigger on every change to the catalogue (roles, access packages, the roles granting
 * them, resources, policy rules). Each process keeps the catalogue in memory and reloads it when this moves.
 */
export const catalogueVersion = rolesSchema.table(
  'catalogue_version',
  {
    id: integer().primaryKey().default(1),
    version: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [check('catalogue_version_one_row', sql`${t.id} = 1`)],
);
