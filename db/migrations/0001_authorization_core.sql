CREATE TYPE "roles"."policy_subject_kind" AS ENUM('ROLE', 'PACKAGE');--> statement-breakpoint
CREATE TYPE "roles"."resource_type" AS ENUM('SERVICE', 'CONSENT', 'PUBLIC');--> statement-breakpoint
CREATE TYPE "delegations"."access_request_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');--> statement-breakpoint
CREATE TABLE "roles"."access_packages" (
	"urn" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"delegable" boolean NOT NULL,
	"administers" boolean DEFAULT false NOT NULL,
	"client_package" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roles"."consent_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"title" jsonb NOT NULL,
	"text" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roles"."package_resources" (
	"package_urn" text NOT NULL,
	"resource_id" text NOT NULL,
	CONSTRAINT "package_resources_package_urn_resource_id_pk" PRIMARY KEY("package_urn","resource_id")
);
--> statement-breakpoint
CREATE TABLE "roles"."package_roles" (
	"package_urn" text NOT NULL,
	"role_code" text NOT NULL,
	CONSTRAINT "package_roles_package_urn_role_code_pk" PRIMARY KEY("package_urn","role_code")
);
--> statement-breakpoint
CREATE TABLE "roles"."policy_rules" (
	"resource_id" text NOT NULL,
	"subject_kind" "roles"."policy_subject_kind" NOT NULL,
	"subject" text NOT NULL,
	"action" text NOT NULL,
	CONSTRAINT "policy_rules_resource_id_subject_kind_subject_action_pk" PRIMARY KEY("resource_id","subject_kind","subject","action")
);
--> statement-breakpoint
CREATE TABLE "roles"."resources" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"type" "roles"."resource_type" NOT NULL,
	"title" text NOT NULL,
	"actions" text[] NOT NULL,
	"delegable" boolean DEFAULT false NOT NULL,
	"minimum_authentication_level" integer,
	"consent_template" text,
	"consent_metadata" text[],
	"one_time_consent" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delegations"."access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"resource_id" text,
	"package_urn" text,
	"actions" text[],
	"message" text,
	"status" "delegations"."access_request_status" DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"delegation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "delegations"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "delegations"."delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_id" uuid NOT NULL,
	"to_id" uuid NOT NULL,
	"resource_id" text,
	"package_urn" text,
	"actions" text[],
	"valid_to" timestamp with time zone,
	"facilitator_id" uuid,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_id" uuid
);
--> statement-breakpoint
ALTER TABLE "roles"."package_resources" ADD CONSTRAINT "package_resources_package_urn_access_packages_urn_fk" FOREIGN KEY ("package_urn") REFERENCES "roles"."access_packages"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles"."package_resources" ADD CONSTRAINT "package_resources_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "roles"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles"."package_roles" ADD CONSTRAINT "package_roles_package_urn_access_packages_urn_fk" FOREIGN KEY ("package_urn") REFERENCES "roles"."access_packages"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles"."package_roles" ADD CONSTRAINT "package_roles_role_code_roles_code_fk" FOREIGN KEY ("role_code") REFERENCES "roles"."roles"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles"."policy_rules" ADD CONSTRAINT "policy_rules_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "roles"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles"."resources" ADD CONSTRAINT "resources_owner_id_parties_id_fk" FOREIGN KEY ("owner_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."access_requests" ADD CONSTRAINT "access_requests_from_id_parties_id_fk" FOREIGN KEY ("from_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."access_requests" ADD CONSTRAINT "access_requests_requester_id_parties_id_fk" FOREIGN KEY ("requester_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."access_requests" ADD CONSTRAINT "access_requests_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "roles"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."access_requests" ADD CONSTRAINT "access_requests_package_urn_access_packages_urn_fk" FOREIGN KEY ("package_urn") REFERENCES "roles"."access_packages"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."access_requests" ADD CONSTRAINT "access_requests_decided_by_id_parties_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."access_requests" ADD CONSTRAINT "access_requests_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "delegations"."delegations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."delegations" ADD CONSTRAINT "delegations_from_id_parties_id_fk" FOREIGN KEY ("from_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."delegations" ADD CONSTRAINT "delegations_to_id_parties_id_fk" FOREIGN KEY ("to_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."delegations" ADD CONSTRAINT "delegations_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "roles"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."delegations" ADD CONSTRAINT "delegations_package_urn_access_packages_urn_fk" FOREIGN KEY ("package_urn") REFERENCES "roles"."access_packages"("urn") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."delegations" ADD CONSTRAINT "delegations_facilitator_id_parties_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."delegations" ADD CONSTRAINT "delegations_created_by_id_parties_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations"."delegations" ADD CONSTRAINT "delegations_revoked_by_id_parties_id_fk" FOREIGN KEY ("revoked_by_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "package_resources_resource_idx" ON "roles"."package_resources" USING btree ("resource_id");--> statement-breakpoint
CREATE INDEX "access_requests_from_idx" ON "delegations"."access_requests" USING btree ("from_id");--> statement-breakpoint
CREATE INDEX "access_requests_requester_idx" ON "delegations"."access_requests" USING btree ("requester_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "delegations"."audit_log" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_party_idx" ON "delegations"."audit_log" USING btree ("party_id");--> statement-breakpoint
CREATE INDEX "delegations_to_idx" ON "delegations"."delegations" USING btree ("to_id");--> statement-breakpoint
CREATE INDEX "delegations_from_idx" ON "delegations"."delegations" USING btree ("from_id");