-- Register-based representation (issue 13 point 2). A person's date of death from the population register: the
-- estate (dødsbo) keeps the person's party, and the heirs (FREG role ARVING) act for it within their mandate; the
-- deceased answers nothing themselves any more.
ALTER TABLE "parties"."parties" ADD COLUMN "date_of_death" date;
--> statement-breakpoint
-- Lawyers' representation of clients within a matter area comes from the lawyers' supervisory authority's register.
-- Ordered before Altinn's own roles: the catalogue lists register roles first.
ALTER TYPE "roles"."role_provider" ADD VALUE IF NOT EXISTS 'ADVOKATTILSYNET' BEFORE 'ALTINN';
--> statement-breakpoint
-- A joint consent request (the heirs of an estate together): every representative by register role must accept.
ALTER TABLE "consents"."consent_requests" ADD COLUMN "jointly" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE TABLE "consents"."joint_acceptances" (
  "consent_id" uuid NOT NULL REFERENCES "consents"."consent_requests"("id"),
  "party_id" uuid NOT NULL REFERENCES "parties"."parties"("id"),
  "accepted_at" timestamp with time zone NOT NULL,
  PRIMARY KEY ("consent_id", "party_id")
);
