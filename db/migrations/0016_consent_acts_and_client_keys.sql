-- Consent to act (issue 13 point 3): a consent right carries the actions it lets the recipient perform (sign, submit …),
-- besides `action`, the action on the resource whoever answers for `from` must hold (`consent`). A right to data keeps
-- the one action `consent`.
ALTER TABLE "consents"."consent_rights" ADD COLUMN "actions" text[] DEFAULT '{consent}'::text[] NOT NULL;
--> statement-breakpoint
-- The standard token endpoint (issue 13 point 6): a client authenticates with a JWT signed by its own key (RFC 7523,
-- private_key_jwt, as with Maskinporten). `jwks` holds the client's public keys (an RFC 7517 key set); null: the
-- client cannot use the token endpoint.
ALTER TABLE "consents"."clients" ADD COLUMN "jwks" jsonb;
--> statement-breakpoint
-- A client assertion is accepted once (RFC 7523 §3 point 7): its `jti` is kept until the assertion has expired.
CREATE TABLE "consents"."client_assertions" (
  "client_id" text NOT NULL REFERENCES "consents"."clients"("id") ON DELETE CASCADE,
  "jti" text NOT NULL,
  "expires_at" timestamp with time zone NOT NULL,
  CONSTRAINT "client_assertions_pk" PRIMARY KEY ("client_id", "jti")
);
--> statement-breakpoint
CREATE INDEX "client_assertions_expires_idx" ON "consents"."client_assertions" USING btree ("expires_at");
