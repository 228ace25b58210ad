-- An outbox of domain events for the event relay (events/src/relay.ts), written by triggers in the same transaction
-- as the change: a consent event (consents.consent_events) or a delegation / access-request audit row
-- (delegations.audit_log). A trigger, not the stores, writes it, so no write path can forget it, and a rolled-back
-- change leaves no outbox row. Rows carry no national identity number: parties are named by their UUID.
--
-- Order and completeness use the feed's technique (0009): each row stores its transaction's id; a reader takes only
-- rows below the visibility horizon (every writer below it has ended) and orders them by (xact_id, id). A relay that
-- keeps its position as the last (xact_id, id) it published never skips a row that a slower transaction commits later.
CREATE SCHEMA "events";
--> statement-breakpoint
CREATE TABLE "events"."outbox" (
  "id" bigserial PRIMARY KEY NOT NULL,
  "xact_id" bigint DEFAULT (pg_current_xact_id()::text::bigint) NOT NULL,
  -- Stable id of the event (the CloudEvents id, the Nats-Msg-Id): names its source row, so it never changes.
  "event_id" text NOT NULL UNIQUE,
  -- e.g. consent.accepted, delegation.created, access-request.approved
  "type" text NOT NULL,
  -- The party whose rights or data the event is about (a consent's `from`, an audit row's party).
  "party_id" uuid NOT NULL,
  -- The consent, delegation or access request.
  "entity_id" uuid NOT NULL,
  "at" timestamp with time zone NOT NULL,
  "data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outbox_feed_idx" ON "events"."outbox" USING btree ("xact_id","id");
--> statement-breakpoint
-- Where each relay has published up to (the broker acknowledged every row up to here); updated after the acks.
CREATE TABLE "events"."relay_positions" (
  "relay" text PRIMARY KEY NOT NULL,
  "xact_id" bigint DEFAULT -1 NOT NULL,
  "id" bigint DEFAULT 0 NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The same horizon as the consent feed's: it holds for every table whose rows store their transaction's id.
CREATE FUNCTION events.horizon() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT consents.feed_horizon() $$;
--> statement-breakpoint
CREATE FUNCTION events.party_urn(party uuid) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN party IS NULL THEN NULL ELSE 'urn:altinn:party:uuid:' || party::text END
$$;
--> statement-breakpoint
CREATE FUNCTION events.from_consent_event() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  request consents.consent_requests%ROWTYPE;
BEGIN
  SELECT * INTO request FROM consents.consent_requests WHERE id = NEW.consent_id;
  INSERT INTO events.outbox (event_id, type, party_id, entity_id, at, data) VALUES (
    'consent-event-' || NEW.id,
    'consent.' || replace(lower(NEW.type::text), '_', '-'),
    request.from_id,
    NEW.consent_id,
    NEW.at,
    jsonb_strip_nulls(jsonb_build_object(
      'consentId', NEW.consent_id,
      'event', NEW.type::text,
      'from', events.party_urn(request.from_id),
      'to', events.party_urn(request.to_id),
      'performedBy', events.party_urn(NEW.performed_by_id),
      'resource', NEW.resource_id,
      'deliveredTo', events.party_urn(NEW.delivered_to_id)
    ))
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_events_outbox AFTER INSERT ON consents.consent_events FOR EACH ROW
  EXECUTE FUNCTION events.from_consent_event();
--> statement-breakpoint
-- DELEGATION_CREATED -> delegation.created, ACCESS_REQUEST_APPROVED -> access-request.approved. The audit row's
-- before/after stay out: an access request's message is free text.
CREATE FUNCTION events.from_audit_row() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  kind text := replace(lower(NEW.entity_type), '_', '-');
BEGIN
  INSERT INTO events.outbox (event_id, type, party_id, entity_id, at, data) VALUES (
    'audit-' || NEW.id,
    kind || '.' || replace(lower(substr(NEW.action, length(NEW.entity_type) + 2)), '_', '-'),
    NEW.party_id,
    NEW.entity_id,
    NEW.at,
    jsonb_build_object(
      'entityType', NEW.entity_type,
      'entityId', NEW.entity_id,
      'action', NEW.action,
      'party', events.party_urn(NEW.party_id),
      'actor', events.party_urn(NEW.actor_id)
    )
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_outbox AFTER INSERT ON delegations.audit_log FOR EACH ROW
  EXECUTE FUNCTION events.from_audit_row();
