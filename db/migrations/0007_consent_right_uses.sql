ALTER TABLE "consents"."consent_events" ADD COLUMN "resource_id" text;--> statement-breakpoint
ALTER TABLE "consents"."consent_events" ADD COLUMN "delivered_to_id" uuid;--> statement-breakpoint
ALTER TABLE "consents"."consent_rights" ADD COLUMN "one_time" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "consents"."consent_rights" ADD COLUMN "token_jti" uuid;--> statement-breakpoint
ALTER TABLE "consents"."consent_rights" ADD COLUMN "used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consents"."consent_events" ADD CONSTRAINT "consent_events_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "roles"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_events" ADD CONSTRAINT "consent_events_delivered_to_id_parties_id_fk" FOREIGN KEY ("delivered_to_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents"."consent_rights" ADD CONSTRAINT "consent_rights_one_time_use" CHECK (("one_time" or ("token_jti" is null and "used_at" is null)));--> statement-breakpoint
-- Each right takes its resource's one-time flag; the one-time rights of consents already USED count as used.
UPDATE "consents"."consent_rights" cr SET "one_time" = r."one_time_consent" FROM "roles"."resources" r WHERE r."id" = cr."resource_id";--> statement-breakpoint
UPDATE "consents"."consent_rights" cr SET "used_at" = coalesce(c."answered_at", c."created_at") FROM "consents"."consent_requests" c
  WHERE c."id" = cr."consent_id" AND c."status" = 'USED' AND cr."one_time";
