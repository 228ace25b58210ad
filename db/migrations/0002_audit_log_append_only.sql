-- The audit log is append-only: no one, not even the API's own database user, changes or removes a record.
CREATE FUNCTION delegations.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'delegations.audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON delegations.audit_log
  FOR EACH ROW EXECUTE FUNCTION delegations.refuse_audit_change();
