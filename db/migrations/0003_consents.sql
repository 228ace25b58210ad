CREATE TYPE "consents"."consent_event_type" AS ENUM('CREATED', 'ACCEPTED', 'REJECTED', 'REVOKED', 'DELETED', 'USED', 'TOKEN_ISSUED');--> statement-breakpoint
CREATE TYPE "consents"."consent_status" AS ENUM('CREATED', 'ACCEPTED', 'REJECTED', 'REVOKED', 'DELETED', 'USED');--> statement-breakpoint
CREATE TABLE "consents"."authorization_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"consent_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"redirect_url" text NOT NULL,
	"code_challenge" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consents"."consent_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"consent_id" uuid NOT NULL,
	"type" "consents"."consent_event_type" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"performed_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "consents"."consent_receipts" (
	"consent_id" uuid PRIMARY KEY NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"body" jsonb NOT NULL,
	"text_shown" text NOT NULL,
	"sha256" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents"."consent_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"from_id" uuid NOT NULL,
	"to_id" uuid NOT NULL,
	"required_delegator_id" uuid,
	"handled_by_id" uuid,
	"valid_to" timestamp with time zone NOT NULL,
	"request_message" text,
	"redirect_url" text NOT NULL,
	"code_challenge" text,
	"template_id" text NOT NULL,
	"one_time" boolean NOT NULL,
	"status" "consents"."consent_status" DEFAULT 'CREATED' NOT NULL,
	"input_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "consents"."consent_rights" (
	"consent_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"resource_id" text NOT NULL,
	"action" text DEFAULT 'consent' NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "consent_rights_consent_id_position_pk" PRIMARY KEY("consent_id","position")
);
--> statement-breakpoint
CREATE TABLE "consents"."issued_tokens" (
	"jti" uuid PRIMARY KEY NOT NULL,
	"consent_id" uuid NOT NULL,
	"code_hash" text,
	"recipient_id" uuid NOT NULL,
	"kid" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consents"."signing_keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"private_key_encrypted" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"active_from" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consents"."authorization_codes" ADD CONSTRAINT "authorization_codes_consent_id_consent_requests_id_fk" FOREIGN KEY ("consent_id") REFERENCES "consents"."consent_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."authorization_codes" ADD CONSTRAINT "authorization_codes_recipient_id_parties_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_events" ADD CONSTRAINT "consent_events_consent_id_consent_requests_id_fk" FOREIGN KEY ("consent_id") REFERENCES "consents"."consent_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_events" ADD CONSTRAINT "consent_events_performed_by_id_parties_id_fk" FOREIGN KEY ("performed_by_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_receipts" ADD CONSTRAINT "consent_receipts_consent_id_consent_requests_id_fk" FOREIGN KEY ("consent_id") REFERENCES "consents"."consent_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_requests" ADD CONSTRAINT "consent_requests_from_id_parties_id_fk" FOREIGN KEY ("from_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_requests" ADD CONSTRAINT "consent_requests_to_id_parties_id_fk" FOREIGN KEY ("to_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_requests" ADD CONSTRAINT "consent_requests_required_delegator_id_parties_id_fk" FOREIGN KEY ("required_delegator_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_requests" ADD CONSTRAINT "consent_requests_handled_by_id_parties_id_fk" FOREIGN KEY ("handled_by_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_requests" ADD CONSTRAINT "consent_requests_answered_by_id_parties_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_rights" ADD CONSTRAINT "consent_rights_consent_id_consent_requests_id_fk" FOREIGN KEY ("consent_id") REFERENCES "consents"."consent_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_rights" ADD CONSTRAINT "consent_rights_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "roles"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."issued_tokens" ADD CONSTRAINT "issued_tokens_consent_id_consent_requests_id_fk" FOREIGN KEY ("consent_id") REFERENCES "consents"."consent_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."issued_tokens" ADD CONSTRAINT "issued_tokens_recipient_id_parties_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_events_consent_idx" ON "consents"."consent_events" USING btree ("consent_id");--> statement-breakpoint
CREATE INDEX "consent_requests_from_idx" ON "consents"."consent_requests" USING btree ("from_id");--> statement-breakpoint
CREATE INDEX "consent_requests_to_idx" ON "consents"."consent_requests" USING btree ("to_id");--> statement-breakpoint
CREATE INDEX "consent_rights_resource_idx" ON "consents"."consent_rights" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "issued_tokens_consent_idx" ON "consents"."issued_tokens" USING btree ("consent_id");