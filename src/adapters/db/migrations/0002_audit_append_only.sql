-- The audit log is append-only: refuse UPDATE, DELETE and TRUNCATE. Tampering by someone who
-- can disable triggers is still detected by the hash chain (`fyren audit verify`).
CREATE OR REPLACE FUNCTION fyren_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION fyren_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION fyren_audit_append_only();
--> statement-breakpoint
-- Default retention rules. Administrators correct them as the law or local decisions change.
INSERT INTO retention_rule (category, keep_days, description, source) VALUES
  ('session', 30, 'Ended or expired sign-in sessions are deleted 30 days after they ended.', 'Fyren default (data minimisation, GDPR art. 5.1 e)'),
  ('audit_event', NULL, 'The audit log is kept; it is the record of who read and changed personal data. Set a period per local archive rules (arkivredovisning) before purging.', 'Socialstyrelsen SOSFS 2008:14 / HSLF-FS 2016:40 on access logging; local gallringsbeslut')
ON CONFLICT (category) DO NOTHING;
