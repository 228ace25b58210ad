CREATE SCHEMA "parties";
--> statement-breakpoint
CREATE SCHEMA "roles";
--> statement-breakpoint
CREATE SCHEMA "consents";
--> statement-breakpoint
CREATE SCHEMA "delegations";
--> statement-breakpoint
CREATE SCHEMA "evidence";
--> statement-breakpoint
CREATE TYPE "parties"."party_type" AS ENUM('PERSON', 'ORGANIZATION');--> statement-breakpoint
CREATE TYPE "roles"."role_provider" AS ENUM('ER', 'FREG', 'ALTINN');--> statement-breakpoint
CREATE TABLE "parties"."parties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" "parties"."party_type" NOT NULL,
	"name" text NOT NULL,
	"national_identity_number" char(11),
	"organization_number" char(9),
	"birth_date" date,
	"organization_form" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"parent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parties_nationalIdentityNumber_unique" UNIQUE("national_identity_number"),
	CONSTRAINT "parties_organizationNumber_unique" UNIQUE("organization_number")
);
--> statement-breakpoint
CREATE TABLE "roles"."role_assignments" (
	"from_id" uuid NOT NULL,
	"to_id" uuid NOT NULL,
	"role_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_assignments_from_id_to_id_role_code_pk" PRIMARY KEY("from_id","to_id","role_code")
);
--> statement-breakpoint
CREATE TABLE "roles"."roles" (
	"code" text PRIMARY KEY NOT NULL,
	"urn" text NOT NULL,
	"name" text NOT NULL,
	"provider" "roles"."role_provider" NOT NULL,
	CONSTRAINT "roles_urn_unique" UNIQUE("urn")
);
--> statement-breakpoint
ALTER TABLE "parties"."parties" ADD CONSTRAINT "parties_parent_id_parties_id_fk" FOREIGN KEY ("parent_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles"."role_assignments" ADD CONSTRAINT "role_assignments_from_id_parties_id_fk" FOREIGN KEY ("from_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles"."role_assignments" ADD CONSTRAINT "role_assignments_to_id_parties_id_fk" FOREIGN KEY ("to_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles"."role_assignments" ADD CONSTRAINT "role_assignments_role_code_roles_code_fk" FOREIGN KEY ("role_code") REFERENCES "roles"."roles"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parties_parent_id_idx" ON "parties"."parties" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "role_assignments_to_idx" ON "roles"."role_assignments" USING btree ("to_id");