-- ADR 0012: audit events are appended without a lock and chained afterwards by one sequencer.
-- seq now comes from a sequence (not contiguous); chain_seq is the contiguous chain position.
CREATE SEQUENCE IF NOT EXISTS "audit_event_seq_seq" AS bigint OWNED BY "audit_event"."seq";--> statement-breakpoint
SELECT setval('audit_event_seq_seq', coalesce((SELECT max(seq) FROM audit_event), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "audit_event" ALTER COLUMN "seq" SET DEFAULT nextval('audit_event_seq_seq');--> statement-breakpoint
ALTER TABLE "audit_event" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_event" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
-- The events chained before this migration keep their hashes; their chain position is their seq.
-- A one-off by the table owner: the append-only trigger is off for this statement only.
ALTER TABLE "audit_event" DISABLE TRIGGER audit_event_append_only;--> statement-breakpoint
UPDATE "audit_event" SET "chain_seq" = "seq";--> statement-breakpoint
ALTER TABLE "audit_event" ENABLE TRIGGER audit_event_append_only;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_event_chain_seq_idx" ON "audit_event" USING btree ("chain_seq");--> statement-breakpoint
CREATE INDEX "audit_event_unchained_idx" ON "audit_event" USING btree ("seq") WHERE chain_seq is null;--> statement-breakpoint
-- Still append-only: DELETE and TRUNCATE are refused, and so is every UPDATE but the sequencer's
-- one, which links an event into the chain: chain_seq, prev_hash and hash go from null to set,
-- and nothing else changes.
CREATE OR REPLACE FUNCTION fyren_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
    AND OLD.chain_seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
    AND NEW.chain_seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
    AND (NEW.seq, NEW.at, NEW.actor_id, NEW.actor_name, NEW.action, NEW.outcome, NEW.resource_kind, NEW.resource_id,
         NEW.purpose, NEW.request_id, NEW.details, NEW.content_hash)
      IS NOT DISTINCT FROM
        (OLD.seq, OLD.at, OLD.actor_id, OLD.actor_name, OLD.action, OLD.outcome, OLD.resource_kind, OLD.resource_id,
         OLD.purpose, OLD.request_id, OLD.details, OLD.content_hash)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP;
END;
$$;
