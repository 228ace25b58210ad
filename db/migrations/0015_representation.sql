-- Register-based representation (issue 13 point 2). A person's date of death from the population register: the
-- estate (dødsbo) keeps the person's party, and the heirs (FREG role ARVING) act for it within their mandate; the
-- deceased answers nothing themselves any more.
ALTER TABLE "parties"."parties" ADD COLUMN "date_of_death" date;
--> statement-breakpoint
-- Lawyers' representation of clients within a matter area comes from the lawyers' supervisory authority's register.
-- Ordered before Altinn's own roles: the catalogue lists register roles first.
ALTER TYPE "roles"."role_provider" ADD VALUE IF NOT EXISTS 'ADVOKATTILSYNET' BEFORE 'ALTINN';
