-- Every log is append-only against every statement, and its rows are chained by hash.
--
-- delegations.audit_log, consents.consent_events and evidence.evidence_retrievals refuse UPDATE and DELETE (row
-- triggers) and TRUNCATE (statement trigger). Each row carries `prev_hash`, the hash of the row before it in the same
-- log ('' for the first), and `hash` = sha256(prev_hash || canonical content). The BEFORE INSERT trigger computes both
-- under a per-log transaction advisory lock (for consent_events the one the consent store already takes) and draws the
-- row's id under that lock, so ids follow the chain and concurrent appends cannot fork it. The canonical content is the
-- jsonb text of the log's listed columns (sorted keys, timestamps in UTC); `npm run logs:verify` recomputes it.
-- A later migration that must rewrite a log disables these triggers and re-chains the log.
CREATE SCHEMA IF NOT EXISTS "logs";
--> statement-breakpoint
ALTER TABLE "delegations"."audit_log" ADD COLUMN "prev_hash" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "delegations"."audit_log" ADD COLUMN "hash" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "consents"."consent_events" ADD COLUMN "prev_hash" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "consents"."consent_events" ADD COLUMN "hash" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "evidence"."evidence_retrievals" ADD COLUMN "prev_hash" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "evidence"."evidence_retrievals" ADD COLUMN "hash" text DEFAULT '' NOT NULL;
--> statement-breakpoint
-- The canonical content of a log row: its listed columns as jsonb text, whatever the session's time zone.
CREATE FUNCTION logs.content(r anyelement, columns text[]) RETURNS text LANGUAGE sql STABLE SET "TimeZone" TO 'UTC' AS $$
  SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb)::text FROM jsonb_each(to_jsonb(r)) WHERE key = ANY(columns)
$$;
--> statement-breakpoint
CREATE FUNCTION logs.link(prev_hash text, content text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(prev_hash || content, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- BEFORE INSERT, per row. TG_ARGV: the advisory lock key, then the columns of the canonical content.
CREATE FUNCTION logs.chain() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  tbl text := quote_ident(TG_TABLE_SCHEMA) || '.' || quote_ident(TG_TABLE_NAME);
  previous text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(TG_ARGV[0]));
  NEW.id := nextval(pg_get_serial_sequence(tbl, 'id'));
  EXECUTE format('SELECT hash FROM %s ORDER BY id DESC LIMIT 1', tbl) INTO previous;
  NEW.prev_hash := coalesce(previous, '');
  NEW.hash := logs.link(NEW.prev_hash, logs.content(NEW, TG_ARGV[1:]));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION logs.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- Chains the rows already there, in id order (run once, here).
CREATE FUNCTION pg_temp.backfill(tbl text, columns text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
  previous text := '';
  next_hash text;
BEGIN
  FOR r IN EXECUTE format('SELECT t.id, logs.content(t, $1) AS content FROM %s t ORDER BY t.id', tbl) USING columns LOOP
    next_hash := logs.link(previous, r.content);
    EXECUTE format('UPDATE %s SET prev_hash = $1, hash = $2 WHERE id = $3', tbl) USING previous, next_hash, r.id;
    previous := next_hash;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE delegations.audit_log DISABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
SELECT pg_temp.backfill('delegations.audit_log', ARRAY['id','at','actor_id','action','entity_type','entity_id','party_id','before','after']);
--> statement-breakpoint
ALTER TABLE delegations.audit_log ENABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
SELECT pg_temp.backfill('consents.consent_events', ARRAY['id','consent_id','type','at','performed_by_id','resource_id','delivered_to_id']);
--> statement-breakpoint
SELECT pg_temp.backfill('evidence.evidence_retrievals', ARRAY['id','requestor_id','subject_id','code','accreditation_id','status','reason','at']);
--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON delegations.audit_log FOR EACH ROW
  EXECUTE FUNCTION logs.chain('delegations.audit_log', 'id', 'at', 'actor_id', 'action', 'entity_type', 'entity_id', 'party_id', 'before', 'after');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON delegations.audit_log FOR EACH STATEMENT EXECUTE FUNCTION logs.refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_events_chain BEFORE INSERT ON consents.consent_events FOR EACH ROW
  EXECUTE FUNCTION logs.chain('consents.consent_events', 'id', 'consent_id', 'type', 'at', 'performed_by_id', 'resource_id', 'delivered_to_id');
--> statement-breakpoint
CREATE TRIGGER consent_events_append_only BEFORE UPDATE OR DELETE ON consents.consent_events FOR EACH ROW EXECUTE FUNCTION logs.refuse_change();
--> statement-breakpoint
CREATE TRIGGER consent_events_no_truncate BEFORE TRUNCATE ON consents.consent_events FOR EACH STATEMENT EXECUTE FUNCTION logs.refuse_change();
--> statement-breakpoint
CREATE TRIGGER evidence_retrievals_chain BEFORE INSERT ON evidence.evidence_retrievals FOR EACH ROW
  EXECUTE FUNCTION logs.chain('evidence.evidence_retrievals', 'id', 'requestor_id', 'subject_id', 'code', 'accreditation_id', 'status', 'reason', 'at');
--> statement-breakpoint
CREATE TRIGGER evidence_retrievals_append_only BEFORE UPDATE OR DELETE ON evidence.evidence_retrievals FOR EACH ROW EXECUTE FUNCTION logs.refuse_change();
--> statement-breakpoint
CREATE TRIGGER evidence_retrievals_no_truncate BEFORE TRUNCATE ON evidence.evidence_retrievals FOR EACH STATEMENT EXECUTE FUNCTION logs.refuse_change();
