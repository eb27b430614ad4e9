-- When an ad was seen moves from "ad" to the narrow "ad_sighting" (one row per ad), so that a
-- re-sighting no longer rewrites the ad row with its full-text, phone and date indexes (ADR 0007).
-- Existing ads keep their dates, missed-crawl counts and removals.
CREATE TABLE "ad_sighting" (
	"ad_id" uuid PRIMARY KEY NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"missed_crawls" integer DEFAULT 0 NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
INSERT INTO "ad_sighting" ("ad_id", "first_seen_at", "last_seen_at", "missed_crawls", "removed_at")
SELECT "id", "first_seen_at", "last_seen_at", "missed_crawls", "removed_at" FROM "ad";--> statement-breakpoint
ALTER TABLE "ad_sighting" ADD CONSTRAINT "ad_sighting_ad_id_ad_id_fk" FOREIGN KEY ("ad_id") REFERENCES "public"."ad"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ad_sighting_last_seen_idx" ON "ad_sighting" USING btree ("last_seen_at");--> statement-breakpoint
DROP INDEX "ad_last_seen_idx";--> statement-breakpoint
DROP INDEX "ad_municipality_idx";--> statement-breakpoint
CREATE INDEX "ad_municipality_idx" ON "ad" USING btree ("municipality_code");--> statement-breakpoint
ALTER TABLE "ad" DROP COLUMN "first_seen_at";--> statement-breakpoint
ALTER TABLE "ad" DROP COLUMN "last_seen_at";--> statement-breakpoint
ALTER TABLE "ad" DROP COLUMN "removed_at";--> statement-breakpoint
ALTER TABLE "ad" DROP COLUMN "missed_crawls";
