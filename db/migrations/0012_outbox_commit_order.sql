-- The outbox in commit order (issue 12: "in commit order"). 0011 ordered it by (transaction id, id): a transaction
-- draws its id at its first write, so one that began writing first and committed last was published before those that
-- committed in between, also before an earlier event of the same consent (its chain). Now each transaction that writes
-- outbox rows draws a commit sequence number when it commits (a deferred constraint trigger, the last thing before the
-- commit; one number per transaction, shared by all its rows), and the relay publishes in (commit_seq, id) order.
--
-- No lock orders the committers. A number is drawn before its transaction's commit becomes visible, so a reader may
-- see number n+1 before n: n's transaction is then still running, or it rolled back after drawing (a gap for good).
-- The relay publishes the unbroken run after its position and, at a gap, waits until every transaction that was
-- running when it saw the gap has ended (events.horizon() reaches that snapshot's xmax): a number below a visible one
-- was drawn before it, by a transaction running then, so a number still missing after that never comes.
CREATE SEQUENCE "events"."outbox_commit_seq" AS bigint CACHE 1;
--> statement-breakpoint
ALTER TABLE "events"."outbox" ADD COLUMN "commit_seq" bigint;
--> statement-breakpoint
-- Rows already there: one number per transaction, in the order 0011 published them.
UPDATE "events"."outbox" o SET "commit_seq" = r.seq
FROM (SELECT id, dense_rank() OVER (ORDER BY xact_id) AS seq FROM "events"."outbox") r
WHERE o.id = r.id;
--> statement-breakpoint
SELECT setval('events.outbox_commit_seq', coalesce((SELECT max(commit_seq) FROM events.outbox), 0) + 1, false);
--> statement-breakpoint
CREATE INDEX "outbox_commit_idx" ON "events"."outbox" USING btree ("commit_seq","id");
--> statement-breakpoint
ALTER TABLE "events"."relay_positions" ADD COLUMN "commit_seq" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- A relay's saved (xact_id, id) becomes the (commit_seq, id) of the last row it had published.
UPDATE "events"."relay_positions" p SET "commit_seq" = coalesce(l.commit_seq, 0), "id" = coalesce(l.id, 0)
FROM "events"."relay_positions" p2
LEFT JOIN LATERAL (
  SELECT o.commit_seq, o.id FROM "events"."outbox" o WHERE (o.xact_id, o.id) <= (p2.xact_id, p2.id) ORDER BY o.xact_id DESC, o.id DESC LIMIT 1
) l ON true
WHERE p.relay = p2.relay;
--> statement-breakpoint
-- At commit: the transaction's number, drawn once (kept in a transaction-local setting) and given to each of its rows.
CREATE FUNCTION events.set_commit_seq() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  seq bigint := nullif(current_setting('events.commit_seq', true), '')::bigint;
BEGIN
  IF seq IS NULL THEN
    seq := nextval('events.outbox_commit_seq');
    PERFORM set_config('events.commit_seq', seq::text, true);
  END IF;
  UPDATE events.outbox SET commit_seq = seq WHERE id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER outbox_commit_seq AFTER INSERT ON events.outbox DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  EXECUTE FUNCTION events.set_commit_seq();
