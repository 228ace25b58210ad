-- Consent events without a global lock.
--
-- Until now every consent event was written under one advisory lock (taken by the consent store and again by the
-- chain trigger of 0008), so that ids committed in the order they were drawn and the feed could page by id. That
-- serialised every consent write in the country. Now:
--
-- * each event stores its writing transaction's id (`xact_id`, pg_current_xact_id() with its epoch). A feed reader
--   returns only events whose `xact_id` is below `consents.feed_horizon()`, the oldest transaction of this database
--   still running when its statement began (pg_snapshot_xmin, leaving out transactions of other databases on the same
--   server, which cannot write these events), and orders them by (xact_id, id). Every writer below that horizon has
--   ended, so nothing can later appear before an event the reader already returned: the feed stays gap-free without
--   ordering the writers;
-- * the hash chain is kept per consent: each event names the previous event of the same consent. The trigger takes a
--   transaction advisory lock on that consent only (writers on different consents never wait for each other) and
--   draws the event's id under it, so one consent's ids follow its chain.
--
-- Rows written before this migration keep their ids, get xact_id 0 (below every live transaction) and are re-chained
-- per consent here.
ALTER TABLE "consents"."consent_events" ADD COLUMN "xact_id" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "consents"."consent_events" ALTER COLUMN "xact_id" SET DEFAULT (pg_current_xact_id()::text::bigint);
--> statement-breakpoint
DROP INDEX "consents"."consent_events_consent_idx";
--> statement-breakpoint
CREATE INDEX "consent_events_consent_idx" ON "consents"."consent_events" USING btree ("consent_id","id");
--> statement-breakpoint
CREATE INDEX "consent_events_feed_idx" ON "consents"."consent_events" USING btree ("xact_id","id");
--> statement-breakpoint
-- The feed's visibility horizon for the calling statement's snapshot: the smallest transaction id in progress in it
-- that may belong to this database (one still running in another database is left out; one that ended since the
-- snapshot was taken cannot be placed and counts), or the snapshot's xmax when there is none. STABLE: it sees the
-- snapshot of the statement that calls it, the same one the statement reads the events with.
CREATE FUNCTION consents.feed_horizon() RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT coalesce(min(x::text::bigint), pg_snapshot_xmax(pg_current_snapshot())::text::bigint)
  FROM pg_snapshot_xip(pg_current_snapshot()) AS x
  WHERE NOT EXISTS (
    SELECT 1 FROM pg_stat_activity a
    WHERE a.backend_xid = ((x::text::bigint) % 4294967296)::text::xid
      AND a.datid IS DISTINCT FROM (SELECT oid FROM pg_database WHERE datname = current_database())
  )
$$;
--> statement-breakpoint
-- BEFORE INSERT, per row. TG_ARGV: the column whose rows form one chain, then the columns of the canonical content.
CREATE FUNCTION logs.chain_within() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  tbl text := quote_ident(TG_TABLE_SCHEMA) || '.' || quote_ident(TG_TABLE_NAME);
  chain_key text;
  previous text;
BEGIN
  EXECUTE format('SELECT ($1).%I::text', TG_ARGV[0]) USING NEW INTO chain_key;
  PERFORM pg_advisory_xact_lock(hashtext(tbl), hashtext(chain_key));
  NEW.id := nextval(pg_get_serial_sequence(tbl, 'id'));
  EXECUTE format('SELECT hash FROM %s WHERE %I::text = $1 ORDER BY id DESC LIMIT 1', tbl, TG_ARGV[0]) USING chain_key INTO previous;
  NEW.prev_hash := coalesce(previous, '');
  NEW.hash := logs.link(NEW.prev_hash, logs.content(NEW, TG_ARGV[1:]));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER consent_events_chain ON consents.consent_events;
--> statement-breakpoint
-- Re-chains the rows already there, per consent in id order (run once, here).
CREATE FUNCTION pg_temp.rechain_events() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
  current_consent uuid := null;
  previous text := '';
  next_hash text;
BEGIN
  FOR r IN SELECT t.id, t.consent_id,
      logs.content(t, ARRAY['id','consent_id','type','at','performed_by_id','resource_id','delivered_to_id']) AS content
      FROM consents.consent_events t ORDER BY t.consent_id, t.id LOOP
    IF current_consent IS DISTINCT FROM r.consent_id THEN
      previous := '';
      current_consent := r.consent_id;
    END IF;
    next_hash := logs.link(previous, r.content);
    UPDATE consents.consent_events SET prev_hash = previous, hash = next_hash WHERE id = r.id;
    previous := next_hash;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE consents.consent_events DISABLE TRIGGER consent_events_append_only;
--> statement-breakpoint
SELECT pg_temp.rechain_events();
--> statement-breakpoint
ALTER TABLE consents.consent_events ENABLE TRIGGER consent_events_append_only;
--> statement-breakpoint
CREATE TRIGGER consent_events_chain BEFORE INSERT ON consents.consent_events FOR EACH ROW
  EXECUTE FUNCTION logs.chain_within('consent_id', 'id', 'consent_id', 'type', 'at', 'performed_by_id', 'resource_id', 'delivered_to_id');
