CREATE TYPE "evidence"."evidence_requirement" AS ENUM('OPEN', 'LEGAL_BASIS', 'CONSENT', 'LEGAL_BASIS_OR_CONSENT');--> statement-breakpoint
CREATE TYPE "evidence"."requestor_kind" AS ENUM('ANY', 'PUBLIC');--> statement-breakpoint
CREATE TABLE "evidence"."accreditation_codes" (
	"accreditation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"legal_basis" text,
	"consent_request_id" uuid,
	CONSTRAINT "accreditation_codes_accreditation_id_position_pk" PRIMARY KEY("accreditation_id","position")
);
--> statement-breakpoint
CREATE TABLE "evidence"."accreditations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"requestor_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"service_context_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence"."evidence_code_contexts" (
	"code" text NOT NULL,
	"service_context_id" text NOT NULL,
	CONSTRAINT "evidence_code_contexts_code_service_context_id_pk" PRIMARY KEY("code","service_context_id")
);
--> statement-breakpoint
CREATE TABLE "evidence"."evidence_codes" (
	"name" text PRIMARY KEY NOT NULL,
	"description" text,
	"source_id" uuid NOT NULL,
	"source_key" text NOT NULL,
	"requirement" "evidence"."evidence_requirement" NOT NULL,
	"resource_id" text NOT NULL,
	"values" jsonb NOT NULL,
	"parameters" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence"."evidence_retrievals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"requestor_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"code" text NOT NULL,
	"accreditation_id" uuid,
	"status" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence"."service_contexts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"requestor_must_be" "evidence"."requestor_kind" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence"."accreditation_codes" ADD CONSTRAINT "accreditation_codes_accreditation_id_accreditations_id_fk" FOREIGN KEY ("accreditation_id") REFERENCES "evidence"."accreditations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."accreditation_codes" ADD CONSTRAINT "accreditation_codes_code_evidence_codes_name_fk" FOREIGN KEY ("code") REFERENCES "evidence"."evidence_codes"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."accreditations" ADD CONSTRAINT "accreditations_requestor_id_parties_id_fk" FOREIGN KEY ("requestor_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."accreditations" ADD CONSTRAINT "accreditations_subject_id_parties_id_fk" FOREIGN KEY ("subject_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."accreditations" ADD CONSTRAINT "accreditations_service_context_id_service_contexts_id_fk" FOREIGN KEY ("service_context_id") REFERENCES "evidence"."service_contexts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."evidence_code_contexts" ADD CONSTRAINT "evidence_code_contexts_code_evidence_codes_name_fk" FOREIGN KEY ("code") REFERENCES "evidence"."evidence_codes"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."evidence_code_contexts" ADD CONSTRAINT "evidence_code_contexts_service_context_id_service_contexts_id_fk" FOREIGN KEY ("service_context_id") REFERENCES "evidence"."service_contexts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."evidence_codes" ADD CONSTRAINT "evidence_codes_source_id_parties_id_fk" FOREIGN KEY ("source_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."evidence_codes" ADD CONSTRAINT "evidence_codes_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "roles"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."evidence_retrievals" ADD CONSTRAINT "evidence_retrievals_requestor_id_parties_id_fk" FOREIGN KEY ("requestor_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."evidence_retrievals" ADD CONSTRAINT "evidence_retrievals_subject_id_parties_id_fk" FOREIGN KEY ("subject_id") REFERENCES "parties"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."evidence_retrievals" ADD CONSTRAINT "evidence_retrievals_code_evidence_codes_name_fk" FOREIGN KEY ("code") REFERENCES "evidence"."evidence_codes"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence"."evidence_retrievals" ADD CONSTRAINT "evidence_retrievals_accreditation_id_accreditations_id_fk" FOREIGN KEY ("accreditation_id") REFERENCES "evidence"."accreditations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accreditations_subject_idx" ON "evidence"."accreditations" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "accreditations_requestor_idx" ON "evidence"."accreditations" USING btree ("requestor_id");--> statement-breakpoint
CREATE INDEX "evidence_retrievals_subject_idx" ON "evidence"."evidence_retrievals" USING btree ("subject_id");