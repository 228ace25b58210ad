-- Audited support lookups (issue 13 point 5): every time support staff (an organisation token with scope
-- altinn:support.read) look at a party's access and consents, with the case number they gave. The party (or its
-- administrators) sees these rows. Append-only and hash-chained like the other logs (migration 0008): UPDATE, DELETE
-- and TRUNCATE are refused, and `npm run logs:verify` recomputes the chain.
CREATE TABLE "delegations"."support_lookups" (
  "id" bigserial PRIMARY KEY NOT NULL,
  "at" timestamp with time zone DEFAULT now() NOT NULL,
  -- The support organisation whose token made the lookup, and its client (system).
  "actor_id" uuid NOT NULL REFERENCES "parties"."parties"("id"),
  "client_id" text,
  -- Whose access was looked up.
  "party_id" uuid NOT NULL REFERENCES "parties"."parties"("id"),
  -- The support case (YYYY-NNNN) and the optional free text.
  "case_number" text NOT NULL,
  "reason" text,
  "prev_hash" text DEFAULT '' NOT NULL,
  "hash" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX "support_lookups_party_idx" ON "delegations"."support_lookups" USING btree ("party_id");
--> statement-breakpoint
CREATE TRIGGER support_lookups_chain BEFORE INSERT ON delegations.support_lookups FOR EACH ROW
  EXECUTE FUNCTION logs.chain('delegations.support_lookups', 'id', 'at', 'actor_id', 'client_id', 'party_id', 'case_number', 'reason');
--> statement-breakpoint
CREATE TRIGGER support_lookups_append_only BEFORE UPDATE OR DELETE ON delegations.support_lookups FOR EACH ROW EXECUTE FUNCTION logs.refuse_change();
--> statement-breakpoint
CREATE TRIGGER support_lookups_no_truncate BEFORE TRUNCATE ON delegations.support_lookups FOR EACH STATEMENT EXECUTE FUNCTION logs.refuse_change();
