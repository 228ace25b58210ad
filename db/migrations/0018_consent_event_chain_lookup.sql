-- The consent events' chain trigger found the previous event of the same consent with a dynamic statement comparing
-- `consent_id::text` to the key: the cast kept the (consent_id, id) index out, so Postgres walked the primary key
-- backwards from the newest event until it met one of this consent. For a new consent (its first event, CREATED)
-- or one quiet for a while, that read the whole table: 52 ms with 190k events, and growing with the country's log.
-- Now a trigger function of its own with a static statement (its plan is kept) that compares the uuid as a uuid, so
-- the lookup is one index probe whatever the table's size. The lock, the id under it and the hash content are the
-- same as before, so chains written before and after verify alike (`npm run logs:verify`).
CREATE FUNCTION consents.chain_event() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  previous text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('consents.consent_events'), hashtext(NEW.consent_id::text));
  NEW.id := nextval('consents.consent_events_id_seq');
  SELECT e.hash INTO previous FROM consents.consent_events e WHERE e.consent_id = NEW.consent_id ORDER BY e.id DESC LIMIT 1;
  NEW.prev_hash := coalesce(previous, '');
  NEW.hash := logs.link(NEW.prev_hash,
    logs.content(NEW, ARRAY['id', 'consent_id', 'type', 'at', 'performed_by_id', 'resource_id', 'delivered_to_id']));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER consent_events_chain ON consents.consent_events;
--> statement-breakpoint
CREATE TRIGGER consent_events_chain BEFORE INSERT ON consents.consent_events FOR EACH ROW EXECUTE FUNCTION consents.chain_event();
--> statement-breakpoint
DROP FUNCTION logs.chain_within();
