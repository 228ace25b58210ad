import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { parties } from './parties';
import { resources } from './roles';

export const evidenceSchema = pgSchema('evidence');

export const evidenceRequirement = evidenceSchema.enum('evidence_requirement', ['OPEN', 'LEGAL_BASIS', 'CONSENT', 'LEGAL_BASIS_OR_CONSENT']);
export const requestorKind = evidenceSchema.enum('requestor_kind', ['ANY', 'PUBLIC']);

export type EvidenceValueSpecJson = { name: string; type: string };
export type EvidenceParameterSpecJson = { name: string; type: string; required: boolean };
/** Who an evidence code, a legal basis or a service context may be about. */
export type SubjectKind = 'PERSON' | 'ORGANIZATION';
/** A legal basis a requestor may cite instead of consent (a regulation's paragraph), and the subjects it applies to. */
export type LegalBasisJson = { id: string; title: string; subjects: SubjectKind[] };

/** Who may ask in a service context (loan application `sbl`, procurement `ebevis` …). */
export const serviceContexts = evidenceSchema.table('service_contexts', {
  id: text().primaryKey(),
  name: text().notNull(),
  requestorMustBe: requestorKind().notNull(),
  /** Who evidence in this context may be about (public procurement: organisations only). */
  subjects: text()
    .array()
    .$type<SubjectKind[]>()
    .notNull()
    .default(sql`'{PERSON,ORGANIZATION}'::text[]`),
});

/** What a source delivers about a subject, and on what basis. */
export const evidenceCodes = evidenceSchema.table('evidence_codes', {
  name: text().primaryKey(),
  description: text(),
  /** The source organisation (and the resource owner the consent token is addressed to). */
  sourceId: uuid()
    .notNull()
    .references(() => parties.id),
  /** The source plugin's key (skatteetaten, nav …). */
  sourceKey: text().notNull(),
  requirement: evidenceRequirement().notNull(),
  resourceId: text()
    .notNull()
    .references(() => resources.id),
  values: jsonb().$type<EvidenceValueSpecJson[]>().notNull(),
  parameters: jsonb().$type<EvidenceParameterSpecJson[]>().notNull().default([]),
  /** For LEGAL_BASIS and LEGAL_BASIS_OR_CONSENT: the legal bases accepted instead of consent; any other is refused. */
  legalBases: jsonb().$type<LegalBasisJson[]>().notNull().default([]),
});

export const evidenceCodeContexts = evidenceSchema.table(
  'evidence_code_contexts',
  {
    code: text()
      .notNull()
      .references(() => evidenceCodes.name),
    serviceContextId: text()
      .notNull()
      .references(() => serviceContexts.id),
  },
  (t) => [primaryKey({ columns: [t.code, t.serviceContextId] })],
);

/** One requestor's request for evidence about one subject. */
export const accreditations = evidenceSchema.table(
  'accreditations',
  {
    id: uuid().primaryKey(),
    requestorId: uuid()
      .notNull()
      .references(() => parties.id),
    subjectId: uuid()
      .notNull()
      .references(() => parties.id),
    serviceContextId: text()
      .notNull()
      .references(() => serviceContexts.id),
    createdAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
    validTo: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('accreditations_subject_idx').on(t.subjectId), index('accreditations_requestor_idx').on(t.requestorId)],
);

export const accreditationCodes = evidenceSchema.table(
  'accreditation_codes',
  {
    accreditationId: uuid()
      .notNull()
      .references(() => accreditations.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    code: text()
      .notNull()
      .references(() => evidenceCodes.name),
    parameters: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    legalBasis: text(),
    /**
     * The consents.consent_requests id covering this code; null when it is open or asked on a legal basis. No
     * foreign key: the consents domain owns that table.
     */
    consentRequestId: uuid(),
  },
  (t) => [primaryKey({ columns: [t.accreditationId, t.position] })],
);

/** Every retrieval attempt: who asked what about whom, and what came of it. Append-only. */
export const evidenceRetrievals = evidenceSchema.table(
  'evidence_retrievals',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    requestorId: uuid()
      .notNull()
      .references(() => parties.id),
    subjectId: uuid()
      .notNull()
      .references(() => parties.id),
    code: text()
      .notNull()
      .references(() => evidenceCodes.name),
    accreditationId: uuid().references(() => accreditations.id),
    status: text().notNull(),
    reason: text(),
    at: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
    /** Hash of the previous row of this log ('' for the first): filled in by the chain trigger (migration 0008). */
    prevHash: text().notNull().default(''),
    /** sha256 of `prevHash` + this row's canonical content: filled in by the chain trigger; `npm run logs:verify` checks it. */
    hash: text().notNull().default(''),
  },
  (t) => [index('evidence_retrievals_subject_idx').on(t.subjectId)],
);
