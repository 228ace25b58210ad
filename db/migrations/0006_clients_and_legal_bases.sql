CREATE TABLE "consents"."clients" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"redirect_uris" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence"."evidence_codes" ADD COLUMN "legal_bases" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence"."service_contexts" ADD COLUMN "subjects" text[] DEFAULT '{PERSON,ORGANIZATION}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "consents"."clients" ADD CONSTRAINT "clients_organization_id_parties_id_fk" FOREIGN KEY ("organization_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clients_organization_idx" ON "consents"."clients" USING btree ("organization_id");