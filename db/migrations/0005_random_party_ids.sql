-- Party ids were an unkeyed SHA-1 of the national identity or organisation number, so anyone could turn a
-- urn:altinn:party:uuid back into the number by hashing a birth year's worth of candidates. From now on a party's id
-- is random, and every existing party gets a new random id here, with every reference to it carried over.
ALTER TABLE "parties"."parties" ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
--> statement-breakpoint
CREATE TEMPORARY TABLE party_id_map ON COMMIT DROP AS
  SELECT id AS old_id, gen_random_uuid() AS new_id FROM parties.parties;
--> statement-breakpoint
CREATE UNIQUE INDEX ON party_id_map (old_id);
--> statement-breakpoint
-- Every foreign key to parties.parties(id), in any schema, found in the catalogue rather than listed by hand: the
-- keys are dropped, their columns rewritten, and the keys added back exactly as they were (and validated again).
DO $$
DECLARE
  fk record;
BEGIN
  CREATE TEMPORARY TABLE party_fk ON COMMIT DROP AS
    SELECT c.conrelid::regclass::text AS tbl, c.conname::text AS name, a.attname::text AS col,
           pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    WHERE c.contype = 'f' AND c.confrelid = 'parties.parties'::regclass AND array_length(c.conkey, 1) = 1;
  FOR fk IN SELECT * FROM party_fk LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.tbl, fk.name);
  END LOOP;
  UPDATE parties.parties p SET id = m.new_id FROM party_id_map m WHERE p.id = m.old_id;
  FOR fk IN SELECT * FROM party_fk LOOP
    EXECUTE format('UPDATE %s t SET %I = m.new_id FROM party_id_map m WHERE t.%I = m.old_id', fk.tbl, fk.col, fk.col);
  END LOOP;
  FOR fk IN SELECT * FROM party_fk LOOP
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.tbl, fk.name, fk.def);
  END LOOP;
END
$$;
--> statement-breakpoint
-- The audit log holds party ids without foreign keys (actor, party) and inside the rows it froze (before/after:
-- delegation and access-request rows with fromId, toId, createdById …). It is append-only by trigger; the trigger is
-- off for this rewrite only, inside the migration's transaction.
ALTER TABLE delegations.audit_log DISABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
UPDATE delegations.audit_log a SET actor_id = m.new_id FROM party_id_map m WHERE a.actor_id = m.old_id;
--> statement-breakpoint
UPDATE delegations.audit_log a SET party_id = m.new_id FROM party_id_map m WHERE a.party_id = m.old_id;
--> statement-breakpoint
CREATE FUNCTION pg_temp.remap_party_ids(doc jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN jsonb_typeof(doc) = 'object' THEN (
    SELECT coalesce(jsonb_object_agg(e.key, coalesce(to_jsonb(m.new_id::text), e.value)), '{}'::jsonb)
    FROM jsonb_each(doc) e
    LEFT JOIN party_id_map m ON jsonb_typeof(e.value) = 'string' AND m.old_id::text = lower(e.value #>> '{}')
  ) ELSE doc END
$$;
--> statement-breakpoint
UPDATE delegations.audit_log SET before = pg_temp.remap_party_ids(before), after = pg_temp.remap_party_ids(after)
  WHERE before IS NOT NULL OR after IS NOT NULL;
--> statement-breakpoint
ALTER TABLE delegations.audit_log ENABLE TRIGGER audit_log_append_only;
