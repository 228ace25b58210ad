import { sql } from 'drizzle-orm';
import { boolean, char, date, index, pgSchema, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const partiesSchema = pgSchema('parties');

export const partyType = partiesSchema.enum('party_type', ['PERSON', 'ORGANIZATION']);

/** A person or an organisation (main unit or subunit). */
export const parties = partiesSchema.table(
  'parties',
  {
    /** Random (never derived from the register number): a party's uuid URN reveals nothing about it. */
    id: uuid()
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    type: partyType().notNull(),
    name: text().notNull(),
    /** 11 digits; persons only. Personal data: see the parties subgraph's rules. */
    nationalIdentityNumber: char({ length: 11 }).unique(),
    /** 9 digits; organisations only. */
    organizationNumber: char({ length: 9 }).unique(),
    birthDate: date(),
    /** From the population register; persons only. A deceased person's party stands for their estate (dødsbo). */
    dateOfDeath: date(),
    /** Organisation form from the register: AS, BEDR (subunit), ORGL, KOMM … */
    organizationForm: text(),
    /** Public agencies may ask for evidence in some service contexts. */
    isPublic: boolean().notNull().default(false),
    parentId: uuid().references((): AnyPgColumn => parties.id),
    createdAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [index('parties_parent_id_idx').on(t.parentId)],
);

export type PartyRow = typeof parties.$inferSelect;
