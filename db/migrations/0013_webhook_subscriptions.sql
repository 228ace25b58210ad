-- Webhook subscriptions of partner systems (issue 12 point 3), the deliveries the dispatcher (events/src/webhooks)
-- owes them and every attempt it made. The consents subgraph writes subscriptions; the dispatcher writes the rest.
CREATE SCHEMA "webhooks";
--> statement-breakpoint
CREATE TABLE "webhooks"."subscriptions" (
  "id" uuid PRIMARY KEY NOT NULL,
  -- The organisation that subscribed (a consent request's `to` or `handledBy`): it alone sees and manages it.
  "owner_id" uuid NOT NULL REFERENCES "parties"."parties"("id"),
  -- The client (system) whose token created it, for the record.
  "client_id" text,
  "url" text NOT NULL,
  -- CloudEvents types, e.g. no.altinn.hub.consent.accepted.
  "event_types" text[] NOT NULL,
  -- Only the consent events of these requests; null: of every request of the owner.
  "consent_request_ids" uuid[],
  -- The signing secret (whsec_…), AES-256-GCM with KEY_ENCRYPTION_KEY; the previous one signs too until it expires.
  "secret" text NOT NULL,
  "previous_secret" text,
  "previous_secret_until" timestamp with time zone,
  "enabled" boolean DEFAULT true NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "subscriptions_owner_idx" ON "webhooks"."subscriptions" USING btree ("owner_id");
--> statement-breakpoint
-- One event owed to one subscription: at most once here (the dispatcher may read an event twice), retried until a 2xx
-- or the last attempt. `payload` is the CloudEvent JSON exactly as signed and sent, the same on every attempt.
CREATE TABLE "webhooks"."deliveries" (
  "id" bigserial PRIMARY KEY NOT NULL,
  "subscription_id" uuid NOT NULL REFERENCES "webhooks"."subscriptions"("id") ON DELETE CASCADE,
  "event_id" text NOT NULL,
  "event_type" text NOT NULL,
  "subject" text NOT NULL,
  "event_time" timestamp with time zone NOT NULL,
  "payload" text NOT NULL,
  "status" text DEFAULT 'PENDING' NOT NULL CHECK ("status" IN ('PENDING', 'SUCCEEDED', 'FAILED')),
  "attempts" integer DEFAULT 0 NOT NULL,
  "next_attempt_at" timestamp with time zone,
  -- A dispatcher is sending it until then; after that (the dispatcher died) another may.
  "lease_until" timestamp with time zone,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "completed_at" timestamp with time zone,
  CONSTRAINT "deliveries_subscription_event_unique" UNIQUE ("subscription_id", "event_id")
);
--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "webhooks"."deliveries" USING btree ("next_attempt_at", "id") WHERE "status" = 'PENDING';
--> statement-breakpoint
CREATE INDEX "deliveries_subscription_idx" ON "webhooks"."deliveries" USING btree ("subscription_id", "id");
--> statement-breakpoint
CREATE TABLE "webhooks"."attempts" (
  "delivery_id" bigint NOT NULL REFERENCES "webhooks"."deliveries"("id") ON DELETE CASCADE,
  "number" integer NOT NULL,
  "started_at" timestamp with time zone NOT NULL,
  "duration_ms" integer NOT NULL,
  "http_status" integer,
  "error" text,
  "succeeded" boolean NOT NULL,
  PRIMARY KEY ("delivery_id", "number")
);
