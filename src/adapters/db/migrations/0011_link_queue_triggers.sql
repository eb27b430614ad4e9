-- Ads waiting to be linked. An ad joins the queue when it is inserted, when its content
-- hash changes (an edit) and when it gets an image; a linking run removes what it linked.
-- A re-sighting does not queue an ad: linking reads first sightings only (ADR 0009).
CREATE OR REPLACE FUNCTION fyren_link_queue_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO link_queue (ad_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ad_link_queue_insert AFTER INSERT ON ad
  FOR EACH ROW EXECUTE FUNCTION fyren_link_queue_ad();
--> statement-breakpoint
CREATE TRIGGER ad_link_queue_update AFTER UPDATE OF content_hash ON ad
  FOR EACH ROW WHEN (OLD.content_hash IS DISTINCT FROM NEW.content_hash) EXECUTE FUNCTION fyren_link_queue_ad();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fyren_link_queue_ad_image() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO link_queue (ad_id) VALUES (NEW.ad_id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ad_image_link_queue AFTER INSERT ON ad_image
  FOR EACH ROW EXECUTE FUNCTION fyren_link_queue_ad_image();
--> statement-breakpoint
-- Ads stored before linking existed are linked on the next run.
INSERT INTO link_queue (ad_id) SELECT id FROM ad WHERE purged_at IS NULL ON CONFLICT DO NOTHING;
