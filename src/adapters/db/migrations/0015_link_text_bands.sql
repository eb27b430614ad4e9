ALTER TABLE "link_ad" ADD COLUMN "text_bands" bigint[] DEFAULT '{}'::bigint[] NOT NULL;--> statement-breakpoint
CREATE INDEX "link_ad_text_bands_idx" ON "link_ad" USING gin ("text_bands") WITH (fastupdate=false);--> statement-breakpoint
-- Existing installations: move the text band rows of link_signal ("b<band>:<hex>") into the new column.
UPDATE "link_ad" l SET "text_bands" = b.bands
FROM (
  SELECT "ad_id", array_agg((split_part(substr("value", 2), ':', 1)::bigint << 32) + ('x' || lpad(split_part("value", ':', 2), 8, '0'))::bit(32)::bigint) AS bands
  FROM "link_signal" WHERE "kind" = 'text' GROUP BY "ad_id"
) b
WHERE b."ad_id" = l."ad_id";--> statement-breakpoint
DELETE FROM "link_signal" WHERE "kind" = 'text';
